//! The rules of one changed path, each a function that makes its diagnostic (E100–E106).

use jiff::Timestamp;

use crate::diag::{Code, Diagnostic};
use crate::model::{Appraiser, Campaign, Content, Stage, Window};
use crate::pull_request::{ChangeKind, Mode};
use crate::source::Span;
use crate::text::{Deadline, Moment, ZoneName, quote, visible};
use crate::tr;

use super::{FileVerdict, People, fold};

/// E100 for paths outside submissions/: the office's alone.
pub(super) fn rule_outside_submissions(
    path: &str,
    strangers: &[&str],
    span: Span,
    admins: &[String],
) -> Diagnostic {
    Diagnostic::new(
        Code::E100,
        span,
        tr!(
            "chỉ quản trị viên Phòng CCHC được sửa {} (tài khoản {} không phải quản trị viên)",
            "only the PAR office's admins may change {} ({} is not an admin)",
            visible(path),
            strangers.join(", ")
        ),
    )
    .hint(tr!(
        "Đơn vị chỉ sửa tệp báo cáo của mình trong submissions/. Nếu cần sửa nội dung khác, đề nghị Phòng CCHC ({}) thực hiện.",
        "A unit changes only its own file in submissions/. For anything else, ask the PAR office ({}).",
        admins.join(", ")
    ))
}

/// E102: a report, once filed, is not deleted or renamed by a unit.
pub(super) fn rule_deleted(kind: &ChangeKind, path: &str, span: Span) -> Diagnostic {
    let msg = match kind {
        ChangeKind::RenamedAway { to } => tr!(
            "báo cáo {} bị đổi tên thành {}",
            "submission {} is renamed to {}",
            visible(path),
            visible(to)
        ),
        _ => tr!(
            "báo cáo {} bị xóa",
            "submission {} is deleted",
            visible(path)
        ),
    };
    Diagnostic::new(Code::E102, span, msg).hint(tr!(
        "Báo cáo đã nộp không được xóa hay đổi tên qua yêu cầu hợp nhất; muốn rút hoặc thay báo cáo, sửa nội dung tệp hoặc đề nghị Phòng CCHC.",
        "A filed report is not deleted or renamed by a pull request; to withdraw or replace it, edit the file or ask the PAR office."
    ))
}

/// E105: only plain text files; no links, submodules or executables.
pub(super) fn rule_regular_file(mode: Mode, span: Span) -> Diagnostic {
    let what = match mode {
        Mode::Symlink => tr!("một liên kết tượng trưng (symlink)", "a symbolic link"),
        Mode::Submodule => tr!("một submodule", "a submodule"),
        Mode::Executable => tr!("một tệp có quyền thực thi", "an executable file"),
        _ => tr!("không phải tệp thường", "not a regular file"),
    };
    Diagnostic::new(
        Code::E105,
        span,
        tr!("đây là {}, không phải tệp văn bản thường", "this is {}, not a regular text file", what),
    )
    .hint(tr!(
        "Báo cáo là một tệp TOML thường (quyền 644). Xóa tệp này và tạo lại bằng trình sửa tệp của GitHub hoặc `cchc new`.",
        "A submission is a plain TOML file (mode 644). Remove this and create it again with GitHub's file editor or `cchc new`."
    ))
}

/// E103 and E104: `submissions/<campaign>/<unit>.toml` of a known pair.
pub(super) fn rule_known_pair<'c>(
    data_path: &str,
    rules: &'c Content,
    span: Span,
    v: &mut FileVerdict,
) -> Option<(&'c Campaign, String)> {
    let parts: Vec<&str> = data_path.split('/').collect();
    if let ["submissions", campaign, file] = parts.as_slice()
        && let Some(unit) = file.strip_suffix(".toml")
        && let Some(c) = rules.campaigns.get(*campaign)
        && c.participant(unit).is_some()
    {
        return Some((c, unit.to_owned()));
    }
    // Not a known pair: perhaps one in another case or Unicode form.
    let wanted = fold(data_path);
    let variant = rules.campaigns.values().find_map(|c| {
        c.participants.iter().find_map(|p| {
            let known = format!("submissions/{}/{}.toml", c.id, p.unit);
            (fold(&known) == wanted).then_some(known)
        })
    });
    let known: Vec<String> = rules
        .campaigns
        .values()
        .filter(|c| !c.closed)
        .map(|c| format!("submissions/{}/<mã đơn vị>.toml", c.id))
        .collect();
    v.diagnostics.push(match variant {
        Some(k) => Diagnostic::new(
            Code::E104,
            span,
            tr!(
                "tên {} chỉ khác {} ở chữ hoa, thường hoặc dạng ký tự",
                "the name {} differs from {} only by case or character form",
                quote(data_path),
                quote(&k)
            ),
        )
        .hint(tr!(
            "Đặt đúng tên {}: hai tên trông giống nhau sẽ thành hai tệp khác nhau trên một số máy.",
            "Use exactly {}: names that look alike are different files on some systems.",
            k
        )),
        None => Diagnostic::new(
            Code::E103,
            span,
            tr!(
                "{} không phải báo cáo của một đơn vị trong một đợt đánh giá",
                "{} is not the submission of a unit in a campaign",
                quote(data_path)
            ),
        )
        .hint(tr!(
            "Báo cáo nằm ở {}, với mã đơn vị trong content/units.toml và đơn vị tham gia đợt.",
            "A submission lives at {}, named by a unit of content/units.toml taking part in the campaign.",
            known.join(" / ")
        )),
    });
    None
}

/// E100 for a submission: every actor is one of the unit's owners or an
/// admin (an admin may update a unit's pull request).
pub(super) fn rule_owner(
    unit: &str,
    rules: &Content,
    people: &People<'_>,
    span: Span,
    v: &mut FileVerdict,
) {
    let owners: Vec<String> = rules
        .unit(unit)
        .map(|u| u.owners.clone())
        .unwrap_or_default();
    let strangers = people.strangers(&owners);
    if strangers.is_empty() {
        return;
    }
    v.diagnostics.push(
        Diagnostic::new(
            Code::E100,
            span,
            tr!(
                "tài khoản {} không được giao báo cáo của {}",
                "account {} is not entitled to the submission of {}",
                strangers.join(", "),
                quote(unit)
            ),
        )
        .hint(if owners.is_empty() {
            tr!(
                "Đơn vị chưa có tài khoản được giao trong content/units.toml; đề nghị Phòng CCHC bổ sung (owners).",
                "The unit has no owners in content/units.toml yet; ask the PAR office to add them."
            )
        } else {
            tr!(
                "Chỉ {} (và Phòng CCHC) được sửa tệp này. Mỗi đơn vị chỉ sửa báo cáo của mình; nếu tài khoản của bạn cần được giao, đề nghị Phòng CCHC bổ sung vào content/units.toml.",
                "Only {} (and the PAR office) may change this file. Each unit edits only its own report; to be added, ask the PAR office to list you in content/units.toml.",
                owners.join(", ")
            )
        }),
    );
}

/// E104 for a first folder that only looks like a data folder.
pub(super) fn rule_look_alike(data_path: &str, root: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E104,
        span,
        tr!(
            "{} nằm trong một thư mục chỉ khác {}/ ở chữ hoa, thường hoặc dạng ký tự",
            "{} is in a folder that differs from {}/ only by case or character form",
            quote(data_path),
            root.to_owned()
        ),
    )
    .hint(tr!(
        "Dùng đúng thư mục {}/: trên một số máy, hai tên trông giống nhau là cùng một thư mục.",
        "Use exactly {}/: on some systems names that look alike are the same folder.",
        root.to_owned()
    ))
}

/// E106: a closed campaign takes no more changes.
pub(super) fn rule_closed(c: &Campaign, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E106,
        span,
        tr!(
            "đợt {} đã đóng, không nhận báo cáo hay sửa đổi",
            "campaign {} is closed to reports and changes",
            quote(&c.id)
        ),
    )
    .hint(tr!(
        "Kết quả của đợt đã chốt. Nếu cần đính chính, liên hệ Phòng CCHC.",
        "The campaign's results are final. For a correction, contact the PAR office."
    ))
}

/// E101: the report arrives, by the gate's clock, at or after the deadline.
pub(super) fn rule_late(c: &Campaign, unit: &str, now: Timestamp, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E101,
        span,
        tr!(
            "báo cáo đến sau hạn: hạn là {} ({}), báo cáo đến lúc {}",
            "the report arrives after the deadline: the deadline is {} ({}), the report arrives at {}",
            Deadline(c.deadline_local_for(unit)),
            ZoneName(&c.time_zone_name),
            Moment(c.time_zone.to_datetime(now))
        ),
    )
    .hint(tr!(
        "Báo cáo được tính là đến vào lúc GitHub ghi nhận lần cập nhật cuối cùng của yêu cầu hợp nhất (lần lưu tệp cuối cùng, hoặc lúc bấm Ready for review), không theo ngày giờ ghi trong commit. Sau hạn, tài khoản của đơn vị không sửa được báo cáo nữa. Nếu đơn vị đã được gia hạn, hoặc đã gửi báo cáo bằng văn bản trước hạn, hãy báo Phòng CCHC: Phòng CCHC ghi nhận và tự đưa báo cáo vào kho.",
        "A report arrives when GitHub recorded the pull request's last update (the last save of the file, or pressing Ready for review), not by the dates in a commit. After the deadline your unit's account can no longer change its report. If your unit has an extension, or sent its report on paper before the deadline, tell the PAR office: the office records it and puts the report into the repository itself."
    ))
}

/// A stage's file as its path names it.
pub(super) struct StageFileRef<'a> {
    pub campaign: &'a str,
    pub stage: Stage,
    pub appraiser: Option<&'a str>,
    pub unit: &'a str,
}

/// E103 for a stage's file: a campaign that declares the stage, a unit
/// taking part, an appraiser of the campaign. Returns the campaign and whose
/// file it is (the appraiser's, or the unit's for its explanations).
pub(super) fn rule_known_stage_file<'c>(
    file: &StageFileRef<'_>,
    rules: &'c Content,
    span: Span,
    v: &mut FileVerdict,
) -> Option<(&'c Campaign, Appraiser)> {
    let campaign = rules.campaigns.get(file.campaign);
    let known = campaign.and_then(|c| {
        c.participant(file.unit)?;
        c.window(file.stage, file.unit)?;
        let owner = match file.appraiser {
            Some(a) => {
                let a = Appraiser::parse(a);
                c.stages.as_ref()?.appraisers().contains(&&a).then_some(a)?
            }
            None => Appraiser::Unit(file.unit.to_owned()),
        };
        Some((c, owner))
    });
    if known.is_none() {
        let layout = match file.stage {
            Stage::Explanation => "submissions/<mã đợt>/explanation/<mã đơn vị>.toml",
            Stage::Appraisal => "submissions/<mã đợt>/appraisal/<bên thẩm định>/<mã đơn vị>.toml",
            Stage::Final => "submissions/<mã đợt>/final/<bên thẩm định>/<mã đơn vị>.toml",
        };
        v.diagnostics.push(
            Diagnostic::new(
                Code::E103,
                span,
                tr!(
                    "đây không phải tệp {} của một đơn vị trong một đợt có giai đoạn này",
                    "this is not a {} file of a unit in a campaign with that stage",
                    file.stage.name()
                ),
            )
            .hint(tr!(
                "Tệp của giai đoạn {} nằm ở {}: đợt phải khai báo giai đoạn trong campaign.toml, đơn vị phải tham gia đợt, bên thẩm định phải được giao lĩnh vực.",
                "A {} file lives at {}: the campaign declares the stage in campaign.toml, the unit takes part, the appraiser is given an area.",
                file.stage.name(),
                layout
            )),
        );
    }
    known
}

/// E100 for a stage's file: every actor is one of its owner's accounts (the
/// appraiser's, or the unit's for explanations) or an admin.
pub(super) fn rule_stage_owner(
    file: &StageFileRef<'_>,
    owner: &Appraiser,
    rules: &Content,
    people: &People<'_>,
    span: Span,
    v: &mut FileVerdict,
) {
    let owners: Vec<String> = match owner {
        Appraiser::Office => Vec::new(),
        Appraiser::Unit(u) => rules.unit(u).map(|u| u.owners.clone()).unwrap_or_default(),
    };
    let strangers = people.strangers(&owners);
    if strangers.is_empty() {
        return;
    }
    let whose = match owner {
        Appraiser::Office => tr!("Phòng CCHC", "the PAR office"),
        Appraiser::Unit(u) => tr!("{}", "{}", quote(u)),
    };
    v.diagnostics.push(
        Diagnostic::new(
            Code::E100,
            span,
            tr!(
                "tài khoản {} không được sửa tệp {} này: tệp của {}",
                "account {} may not change this {} file: it is {}'s",
                strangers.join(", "),
                file.stage.name(),
                whose
            ),
        )
        .hint(tr!(
            "Tệp thẩm định và điểm cuối cùng do bên thẩm định sửa, tệp giải trình do đơn vị được thẩm định sửa (tài khoản trong content/units.toml), và Phòng CCHC ({}).",
            "Appraisals and final scores are changed by their appraiser, explanations by the unit appraised (its accounts in content/units.toml), and the PAR office ({}).",
            people.admins.join(", ")
        )),
    );
}

/// E110: a stage's file arrives, by the gate's clock, outside its window.
pub(super) fn rule_outside_window(
    c: &Campaign,
    stage: Stage,
    window: &Window,
    now: Timestamp,
    span: Span,
) -> Diagnostic {
    let msg = if now < window.opens {
        tr!(
            "giai đoạn {} chưa bắt đầu: bắt đầu lúc {} ({}), tệp đến lúc {}",
            "the {} stage has not opened: it opens at {} ({}), the file arrives at {}",
            stage.name(),
            Moment(window.opens_local),
            ZoneName(&c.time_zone_name),
            Moment(c.time_zone.to_datetime(now))
        )
    } else {
        tr!(
            "tệp đến sau hạn {}: hạn là {} ({}), tệp đến lúc {}",
            "the file arrives after the {} deadline: the deadline is {} ({}), the file arrives at {}",
            stage.name(),
            Deadline(window.closes_local),
            ZoneName(&c.time_zone_name),
            Moment(c.time_zone.to_datetime(now))
        )
    };
    Diagnostic::new(Code::E110, span, msg).hint(tr!(
        "Mỗi giai đoạn nhận tệp trong thời hạn Phòng CCHC khai báo trong {}; thời điểm đến là lúc GitHub ghi nhận lần cập nhật cuối của yêu cầu hợp nhất. Ngoài thời hạn, chỉ Phòng CCHC được sửa (trang công khai ghi đó là điều chỉnh của Phòng CCHC).",
        "Each stage takes files within the window the PAR office declares in {}; a file arrives when GitHub records the pull request's last update. Outside it only the PAR office may change the file (the public site marks it as the office's correction).",
        c.path.to_string()
    ))
}
