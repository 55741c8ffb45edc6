//! The rules on the files of the stages after the self-assessment: an
//! appraisal (E120–E127), the unit's explanations (E128) and the final
//! scores (E129, E130), each judged against its campaign's stages and the
//! files of the stage before it. The rules of scores and evidence are the
//! submission's own (E030–E038, E050–E053).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::Timestamp;

use super::evidence::check_document;
use super::identity::{rule_campaign, rule_unit};
use super::scores::{rule_known_row, rule_score_in_range, rule_scored_twice};
use crate::checked::{
    Accepted, AnswerRow, AppraisedRow, CheckedStageFile, CheckedSubmission, FinalRow, Keep,
    Placement, Request, StagePlace, StageRows,
};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::{RawStage, RawStageFile};
use crate::model::{Appraiser, Campaign, Content, Participant, Stage};
use crate::points::Points;
use crate::raw::cycle::{AppraisalFile, ExplanationFile, FinalFile};
use crate::source::{Sp, Span};
use crate::text::quote;
use crate::tr;

/// The stage files of an input, checked in stage order: appraisals against
/// the reports, explanations against the appraisals' requests, final scores
/// against the appraisals.
pub fn check_stage_files(
    files: Vec<RawStageFile>,
    submissions: &[CheckedSubmission],
    content: &Content,
    now: Timestamp,
    diags: &mut Diagnostics,
) -> Vec<CheckedStageFile> {
    let reports: HashMap<(&str, &str), &Accepted> = submissions
        .iter()
        .filter_map(|s| {
            let folder = s.place.folder.as_deref()?;
            Some(((folder, s.place.stem.as_str()), s.accepted.as_ref()?))
        })
        .collect();
    let mut files = files;
    files.sort_by_key(|f| f.place.stage);
    let mut out: Vec<CheckedStageFile> = Vec::with_capacity(files.len());
    // Each unit's appraisals (their places in `out`), so an explanation or
    // a final finds them without going through every file before it.
    let mut appraisals: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for f in files {
        let rows = f.file.and_then(|file| {
            let ctx = FileCtx::new(&f.place, &file, content, diags)?;
            match file {
                RawStage::Appraisal(a) => {
                    let report = reports.get(&(f.place.campaign.as_str(), ctx.unit.as_str()));
                    check_appraisal(&ctx, a, report.copied(), diags).map(StageRows::Appraisal)
                }
                RawStage::Explanation(e) => {
                    let asked = requests(&out, appraisals_of(&appraisals, &f.place));
                    Some(StageRows::Explanation(check_explanation(
                        &ctx, e, &asked, now, diags,
                    )))
                }
                RawStage::Final(x) => {
                    let appraised =
                        appraised_rows(&out, appraisals_of(&appraisals, &f.place), &ctx);
                    check_final(&ctx, x, appraised, diags).map(StageRows::Final)
                }
            }
        });
        if let Some(StageRows::Appraisal(_)) = rows {
            let key = (f.place.campaign.clone(), f.place.unit.clone());
            appraisals.entry(key).or_default().push(out.len());
        }
        out.push(CheckedStageFile {
            place: f.place,
            rows,
        });
    }
    out
}

/// The places in `out` of the appraisals of the unit a file is about.
fn appraisals_of<'a>(
    appraisals: &'a HashMap<(String, String), Vec<usize>>,
    place: &StagePlace,
) -> &'a [usize] {
    appraisals
        .get(&(place.campaign.clone(), place.unit.clone()))
        .map_or(&[], Vec::as_slice)
}

/// What every rule of a stage file needs: its campaign, unit, participant
/// and appraiser, once the file is known to be one of the campaign's.
struct FileCtx<'c> {
    campaign: &'c Campaign,
    participant: &'c Participant,
    unit: String,
    stage: Stage,
    appraiser: Option<Appraiser>,
    file: Span,
}

impl<'c> FileCtx<'c> {
    fn new(
        place: &StagePlace,
        file: &RawStage,
        content: &'c Content,
        diags: &mut Diagnostics,
    ) -> Option<FileCtx<'c>> {
        let (campaign_key, unit_key, appraiser_key) = match file {
            RawStage::Appraisal(a) => (&a.campaign, &a.unit, a.appraiser.as_ref()),
            RawStage::Explanation(e) => (&e.campaign, &e.unit, None),
            RawStage::Final(x) => (&x.campaign, &x.unit, x.appraiser.as_ref()),
        };
        let as_submission = Placement {
            path: place.path.clone(),
            folder: Some(place.campaign.clone()),
            stem: place.unit.clone(),
        };
        let campaign = rule_campaign(&as_submission, campaign_key.as_ref(), content, diags)?;
        let unit = rule_unit(&as_submission, unit_key.as_ref(), campaign, content, diags)?;
        let participant = campaign.participant(&unit)?;
        let file = Span::file(&place.path);
        if !rule_stage_declared(campaign, place.stage, &file, diags) {
            return None;
        }
        let appraiser = match &place.appraiser {
            Some(folder) => Some(rule_appraiser(
                campaign,
                folder,
                appraiser_key,
                &file,
                diags,
            )?),
            None => None,
        };
        Some(FileCtx {
            campaign,
            participant,
            unit,
            stage: place.stage,
            appraiser,
            file,
        })
    }

    /// The rows of the unit's appendix this file's appraiser appraises.
    fn rows_appraised(&self) -> BTreeSet<usize> {
        self.participant
            .rows
            .iter()
            .copied()
            .filter(|&r| self.campaign.appraiser_of(r, &self.unit) == self.appraiser)
            .collect()
    }
}

/// E120: a stage's file needs the stage declared in campaign.toml.
fn rule_stage_declared(
    campaign: &Campaign,
    stage: Stage,
    file: &Span,
    diags: &mut Diagnostics,
) -> bool {
    let declared = campaign.stages.as_ref().is_some_and(|s| match stage {
        Stage::Appraisal => true,
        Stage::Explanation => s.explanation.is_some(),
        Stage::Final => s.final_scores.is_some(),
    });
    if !declared {
        diags.push(
            Diagnostic::new(
                Code::E120,
                file.clone(),
                tr!(
                    "đợt {} không có giai đoạn {}",
                    "campaign {} has no {} stage",
                    quote(&campaign.id),
                    stage.name()
                ),
            )
            .hint(tr!(
                "Các giai đoạn sau tự đánh giá được Phòng CCHC khai báo trong {} ([appraisal], [explanation], [final]); khi chưa khai báo, tệp này không được tính.",
                "The stages after the self-assessment are declared by the PAR office in {} ([appraisal], [explanation], [final]); until then this file does not count.",
                campaign.path.to_string()
            )),
        );
    }
    declared
}

/// E121 and E122: the appraiser's folder names an appraiser of the
/// campaign, and the file's `appraiser` key says the same.
fn rule_appraiser(
    campaign: &Campaign,
    folder: &str,
    key: Option<&Sp<String>>,
    file: &Span,
    diags: &mut Diagnostics,
) -> Option<Appraiser> {
    if let Some(k) = key
        && k.value != folder
    {
        diags.push(
            Diagnostic::new(
                Code::E122,
                k.span.clone(),
                tr!(
                    "tệp nằm trong thư mục của bên thẩm định {} nhưng ghi appraiser = {}",
                    "the file is in appraiser {}'s folder but says appraiser = {}",
                    quote(folder),
                    quote(&k.value)
                ),
            )
            .hint(tr!(
                "Sửa thành appraiser = {}: thư mục chứa tệp cho biết ai thẩm định, và ai được sửa tệp.",
                "Write appraiser = {}: the file's folder says who appraises, and who may change the file.",
                quote(folder)
            )),
        );
    }
    let appraiser = Appraiser::parse(folder);
    let all = campaign
        .stages
        .as_ref()
        .map(|s| s.appraisers())
        .unwrap_or_default();
    if all.contains(&&appraiser) {
        return Some(appraiser);
    }
    let names: Vec<&str> = all.iter().map(|a| a.id()).collect();
    diags.push(
        Diagnostic::new(
            Code::E121,
            file.clone(),
            tr!(
                "{} không được giao thẩm định lĩnh vực nào trong đợt {}",
                "{} appraises no area in campaign {}",
                quote(folder),
                quote(&campaign.id)
            ),
        )
        .hint(tr!(
            "Bên thẩm định của đợt: {}. Tệp thẩm định nằm ở submissions/{}/appraisal/<bên thẩm định>/<mã đơn vị>.toml.",
            "The campaign's appraisers: {}. An appraisal lives at submissions/{}/appraisal/<appraiser>/<unit>.toml.",
            names.join(", "),
            campaign.id.clone()
        )),
    );
    None
}

/// The rules every `[[score]]` block of an appraisal or final file passes:
/// a row of the unit's appendix (E030, E031, E034), one this file may score
/// (`allowed` says why not: E123, E129), once (E032), with a score the row
/// allows (E035–E038). Returns the row and its points, when valid.
fn scored_row(
    ctx: &FileCtx<'_>,
    (criterion, score, span): (&Sp<String>, Option<&Sp<f64>>, &Span),
    seen: &mut BTreeMap<usize, Span>,
    allowed: impl FnOnce(usize) -> Option<Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<(usize, Option<Points>)> {
    let (index, row) = rule_known_row(criterion, ctx.campaign, ctx.participant, diags)?;
    if let Some(refused) = allowed(index) {
        diags.push(refused);
        return None;
    }
    if let Some(first) = seen.get(&index) {
        diags.push(rule_scored_twice(criterion, first, Some(ctx.stage)));
        return None;
    }
    seen.insert(index, span.clone());
    let points = score.and_then(|s| rule_score_in_range(s, row, Some(ctx.stage), diags));
    Some((index, points))
}

fn check_appraisal(
    ctx: &FileCtx<'_>,
    file: AppraisalFile,
    report: Option<&Accepted>,
    diags: &mut Diagnostics,
) -> Option<Vec<AppraisedRow>> {
    let Some(report) = report else {
        diags.push(rule_nothing_to_appraise(ctx));
        return None;
    };
    let own = ctx.rows_appraised();
    let mut seen: BTreeMap<usize, Span> = BTreeMap::new();
    let mut rows = Vec::new();
    for entry in file.scores {
        let allowed = |index| {
            (!own.contains(&index)).then(|| rule_other_appraisers_row(ctx, &entry.criterion, index))
        };
        let block = (&entry.criterion, entry.score.as_ref(), &entry.span);
        let Some((index, points)) = scored_row(ctx, block, &mut seen, allowed, diags) else {
            continue;
        };
        let claimed = report.scores.iter().find(|s| s.row == index);
        if let (Some(p), Some(score)) = (points, &entry.score) {
            let self_points = claimed.and_then(|c| c.points);
            if Some(p) != self_points && entry.reason.is_none() {
                diags.push(rule_reason_given(&entry.criterion, score, self_points));
            }
        }
        let request =
            rule_request_complete(entry.request.as_ref(), entry.request_text.as_ref(), diags);
        rows.push(AppraisedRow {
            row: index,
            points,
            reason: entry.reason.map(|r| r.value),
            request,
        });
    }
    if !file.scores_dropped {
        // A row the unit marked not applicable needs no entry: none agrees.
        let not_applicable: BTreeSet<usize> = report
            .scores
            .iter()
            .filter(|s| s.not_applicable)
            .map(|s| s.row)
            .collect();
        let missing: Vec<usize> = own
            .iter()
            .copied()
            .filter(|r| !seen.contains_key(r) && !not_applicable.contains(r))
            .collect();
        rule_rows_left_out(ctx, &missing, diags);
    }
    Some(rows)
}

/// E127: an appraisal is of a report the unit has filed.
fn rule_nothing_to_appraise(ctx: &FileCtx<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::E127,
        ctx.file.clone(),
        tr!(
            "đơn vị {} chưa có báo cáo tự đánh giá để thẩm định",
            "unit {} has no self-assessment to appraise",
            quote(&ctx.unit)
        ),
    )
    .hint(tr!(
        "Báo cáo nằm ở submissions/{}/{}.toml. Đơn vị không nộp báo cáo thì không có điểm tự đánh giá để thẩm định; xóa tệp này.",
        "The report lives at submissions/{}/{}.toml. A unit that filed no report has no self-scores to appraise; remove this file.",
        ctx.campaign.id.clone(),
        ctx.unit.clone()
    ))
}

/// E123: an appraiser appraises only the rows of its own areas.
fn rule_other_appraisers_row(ctx: &FileCtx<'_>, id: &Sp<String>, row: usize) -> Diagnostic {
    let other = ctx
        .campaign
        .appraiser_of(row, &ctx.unit)
        .map_or_else(String::new, |a| a.id().to_owned());
    Diagnostic::new(
        Code::E123,
        id.span.clone(),
        tr!(
            "tiêu chí {} thuộc lĩnh vực do {} thẩm định",
            "criterion {} is in an area appraised by {}",
            quote(&id.value),
            quote(&other)
        ),
    )
    .hint(tr!(
        "Xóa khối [[score]] này: mỗi bên thẩm định chỉ chấm các tiêu chí của lĩnh vực được giao (campaign.toml, [[appraisal.area]]).",
        "Remove this [[score]] block: each appraiser scores only the rows of its areas (campaign.toml, [[appraisal.area]])."
    ))
}

/// E124: an appraised score that differs from the self-score says why.
fn rule_reason_given(id: &Sp<String>, score: &Sp<f64>, claimed: Option<Points>) -> Diagnostic {
    let claimed = claimed.map_or_else(|| tr!("không có", "none"), |p| tr!("{}", "{}", p));
    Diagnostic::new(
        Code::E124,
        score.span.clone(),
        tr!(
            "điểm thẩm định tiêu chí {} khác điểm tự đánh giá ({}) nhưng chưa nêu lý do",
            "the appraised score of {} differs from the self-score ({}) without a reason",
            quote(&id.value),
            claimed
        ),
    )
    .hint(tr!(
        "Thêm reason = \"…\": vì sao điểm khác (ví dụ: tài liệu kiểm chứng không chứng minh được kết quả). Đơn vị và người đọc trang công khai đều thấy lý do này.",
        "Add reason = \"…\": why the score differs (e.g. the evidence does not show the result). The unit and the public site both show it."
    ))
}

/// E125: a request for an explanation names its kind and what to explain.
fn rule_request_complete(
    kind: Option<&Sp<&'static str>>,
    text: Option<&Sp<String>>,
    diags: &mut Diagnostics,
) -> Option<Request> {
    match (kind, text) {
        (Some(k), Some(t)) => Some(Request {
            kind: k.value,
            text: t.value.clone(),
        }),
        (None, None) => None,
        (Some(k), None) => {
            diags.push(
                Diagnostic::new(
                    Code::E125,
                    k.span.clone(),
                    tr!(
                        "yêu cầu giải trình chưa nêu nội dung cần giải trình",
                        "the request for an explanation does not say what to explain"
                    ),
                )
                .hint(tr!(
                    "Thêm request_text = \"…\": đơn vị cần giải trình điều gì, cần bổ sung tài liệu nào.",
                    "Add request_text = \"…\": what the unit must explain, which documents to add."
                )),
            );
            None
        }
        (None, Some(t)) => {
            diags.push(
                Diagnostic::new(
                    Code::E125,
                    t.span.clone(),
                    tr!(
                        "có nội dung yêu cầu giải trình nhưng chưa ghi loại yêu cầu",
                        "a request text without the kind of request"
                    ),
                )
                .hint(tr!(
                    "Thêm request = \"missing_evidence\" (thiếu tài liệu kiểm chứng), \"figure_mismatch\" (số liệu không khớp tài liệu), \"out_of_period\" (tài liệu ngoài kỳ) hoặc \"other\".",
                    "Add request = \"missing_evidence\", \"figure_mismatch\" (a figure does not match the document), \"out_of_period\" or \"other\"."
                )),
            );
            None
        }
    }
}

/// E126: every row the file must cover is there.
fn rule_rows_left_out(ctx: &FileCtx<'_>, missing: &[usize], diags: &mut Diagnostics) {
    if missing.is_empty() {
        return;
    }
    let set = &ctx.campaign.criteria;
    let ids: Vec<&str> = missing
        .iter()
        .filter_map(|&r| set.rows.get(r))
        .map(|r| r.id.as_str())
        .collect();
    diags.push(
        Diagnostic::new(
            Code::E126,
            ctx.file.clone(),
            tr!(
                "còn thiếu {} tiêu chí trong tệp {}: {}",
                "{} row(s) missing from the {} file: {}",
                ids.len(),
                ctx.stage.name(),
                ids.join(", ")
            ),
        )
        .hint(tr!(
            "Thêm một khối [[score]] cho mỗi tiêu chí còn thiếu; `cchc new {} --stage {}` viết sẵn các khối này.",
            "Add a [[score]] block for each missing row; `cchc new {} --stage {}` writes them for you.",
            ctx.unit.clone(),
            ctx.stage.folder()
        )),
    );
}

/// The rows of the unit some appraisal (of `appraisals`) asked it to explain.
fn requests(done: &[CheckedStageFile], appraisals: &[usize]) -> BTreeSet<usize> {
    appraisals
        .iter()
        .filter_map(|&i| match done.get(i).and_then(|f| f.rows.as_ref()) {
            Some(StageRows::Appraisal(rows)) => Some(rows),
            _ => None,
        })
        .flatten()
        .filter(|r| r.request.is_some())
        .map(|r| r.row)
        .collect()
}

fn check_explanation(
    ctx: &FileCtx<'_>,
    file: ExplanationFile,
    asked: &BTreeSet<usize>,
    now: Timestamp,
    diags: &mut Diagnostics,
) -> Vec<AnswerRow> {
    let campaign = ctx.campaign;
    let today = campaign.time_zone.to_datetime(now).date();
    let last_day = campaign
        .window(Stage::Explanation, &ctx.unit)
        .and_then(|w| {
            w.closes_local
                .checked_sub(jiff::SignedDuration::from_nanos(1))
                .ok()
        })
        .map_or(campaign.cutoff, jiff::civil::DateTime::date);
    let mut seen: BTreeMap<usize, Span> = BTreeMap::new();
    let mut rows = Vec::new();
    for answer in file.answers {
        let Some(index) = rule_requested(ctx, &answer.criterion, asked, diags) else {
            continue;
        };
        if let Some(first) = seen.get(&index) {
            diags.push(rule_scored_twice(&answer.criterion, first, Some(ctx.stage)));
            continue;
        }
        seen.insert(index, answer.span.clone());
        let evidence = answer
            .evidence
            .into_iter()
            .map(|e| {
                check_document(
                    &e.into(),
                    campaign.cutoff,
                    last_day,
                    today,
                    Keep::All,
                    diags,
                )
            })
            .collect();
        rows.push(AnswerRow {
            row: index,
            text: answer.text.map(|t| t.value),
            evidence,
        });
    }
    rows
}

/// E128: a unit explains the rows it was asked about.
fn rule_requested(
    ctx: &FileCtx<'_>,
    id: &Sp<String>,
    asked: &BTreeSet<usize>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let set = &ctx.campaign.criteria;
    if let Some((index, _)) = set.row(&id.value)
        && asked.contains(&index)
    {
        return Some(index);
    }
    let ids: Vec<&str> = asked
        .iter()
        .filter_map(|&r| set.rows.get(r))
        .map(|r| r.id.as_str())
        .collect();
    diags.push(
        Diagnostic::new(
            Code::E128,
            id.span.clone(),
            tr!(
                "không có yêu cầu giải trình tiêu chí {}",
                "no explanation of criterion {} was requested",
                quote(&id.value)
            ),
        )
        .hint(if ids.is_empty() {
            tr!(
                "Đơn vị chưa được yêu cầu giải trình tiêu chí nào; xóa khối [[answer]] này.",
                "The unit was asked to explain no row; remove this [[answer]] block."
            )
        } else {
            tr!(
                "Đơn vị được yêu cầu giải trình: {}. Xóa khối [[answer]] này hoặc sửa mã tiêu chí.",
                "The unit was asked to explain: {}. Remove this [[answer]] block or correct the id.",
                ids.join(", ")
            )
        }),
    );
    None
}

/// The rows this file's appraiser appraised for the unit, when it did.
fn appraised_rows<'a>(
    done: &'a [CheckedStageFile],
    appraisals: &[usize],
    ctx: &FileCtx<'_>,
) -> Option<&'a [AppraisedRow]> {
    appraisals.iter().find_map(|&i| {
        let f = done.get(i)?;
        match &f.rows {
            Some(StageRows::Appraisal(rows))
                if f.place.appraiser.as_deref() == ctx.appraiser.as_ref().map(Appraiser::id) =>
            {
                Some(rows.as_slice())
            }
            _ => None,
        }
    })
}

fn check_final(
    ctx: &FileCtx<'_>,
    file: FinalFile,
    appraised: Option<&[AppraisedRow]>,
    diags: &mut Diagnostics,
) -> Option<Vec<FinalRow>> {
    let Some(appraised) = appraised else {
        diags.push(rule_final_after_appraisal(ctx, None));
        return None;
    };
    let mut seen: BTreeMap<usize, Span> = BTreeMap::new();
    let mut rows = Vec::new();
    for entry in file.scores {
        let allowed = |index| {
            (!appraised.iter().any(|a| a.row == index))
                .then(|| rule_final_after_appraisal(ctx, Some(&entry.criterion)))
        };
        let block = (&entry.criterion, entry.score.as_ref(), &entry.span);
        let Some((index, points)) = scored_row(ctx, block, &mut seen, allowed, diags) else {
            continue;
        };
        let Some(before) = appraised.iter().find(|a| a.row == index) else {
            continue;
        };
        if let (Some(p), Some(score)) = (points, &entry.score)
            && Some(p) != before.points
            && entry.note.is_none()
        {
            diags.push(rule_note_given(&entry.criterion, score, before.points));
        }
        rows.push(FinalRow {
            row: index,
            points,
            note: entry.note.map(|n| n.value),
        });
    }
    if !file.scores_dropped {
        let missing: Vec<usize> = appraised
            .iter()
            .map(|a| a.row)
            .filter(|r| !seen.contains_key(r))
            .collect();
        rule_rows_left_out(ctx, &missing, diags);
    }
    Some(rows)
}

/// E129: a final score follows the same appraiser's appraisal of the row.
fn rule_final_after_appraisal(ctx: &FileCtx<'_>, id: Option<&Sp<String>>) -> Diagnostic {
    let appraiser = ctx.appraiser.as_ref().map_or("", Appraiser::id).to_owned();
    let (span, msg) = match id {
        Some(id) => (
            id.span.clone(),
            tr!(
                "tiêu chí {} chưa được {} thẩm định nên chưa có điểm cuối cùng",
                "criterion {} was not appraised by {}, so it has no final score",
                quote(&id.value),
                quote(&appraiser)
            ),
        ),
        None => (
            ctx.file.clone(),
            tr!(
                "{} chưa thẩm định báo cáo của {} nên chưa có điểm cuối cùng",
                "{} has not appraised {}'s report, so there is no final score",
                quote(&appraiser),
                quote(&ctx.unit)
            ),
        ),
    };
    Diagnostic::new(Code::E129, span, msg).hint(tr!(
        "Điểm cuối cùng chỉ chấm cho các tiêu chí đã có trong tệp thẩm định submissions/{}/appraisal/{}/{}.toml.",
        "Final scores are given only to the rows of the appraisal submissions/{}/appraisal/{}/{}.toml.",
        ctx.campaign.id.clone(),
        appraiser.clone(),
        ctx.unit.clone()
    ))
}

/// E130: a final score that differs from the appraised one says why.
fn rule_note_given(id: &Sp<String>, score: &Sp<f64>, appraised: Option<Points>) -> Diagnostic {
    let appraised = appraised.map_or_else(|| tr!("không có", "none"), |p| tr!("{}", "{}", p));
    Diagnostic::new(
        Code::E130,
        score.span.clone(),
        tr!(
            "điểm cuối cùng tiêu chí {} khác điểm thẩm định ({}) nhưng chưa có ghi chú",
            "the final score of {} differs from the appraised score ({}) without a note",
            quote(&id.value),
            appraised
        ),
    )
    .hint(tr!(
        "Thêm note = \"…\": vì sao điểm thay đổi sau giải trình (ví dụ: đơn vị đã bổ sung tài liệu kiểm chứng).",
        "Add note = \"…\": why the score changed after the explanations (e.g. the unit added the evidence)."
    ))
}
