//! A synthetic cchc repository for benchmarks, the same for the same seed:
//! campaigns × units × scored rows, plan tasks, evidence, and a Git history
//! that adds and revises submissions over the campaign period. Every name and
//! every page says it is synthetic ("giả lập"); nothing here is a province's
//! data.
//!
//! The history goes through `git fast-import` (one pack, written in seconds
//! even for 20,000 commits); the work tree is then checked out from it.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

/// The shape of a synthetic repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Campaigns (one per province, or one campaign of each of N provinces).
    pub campaigns: usize,
    /// Units taking part in each campaign.
    pub units: usize,
    /// Scored rows in each unit's appendix.
    pub rows: usize,
    /// Commits on the branch, the first one holding content/.
    pub commits: usize,
    /// Plan tasks led by each unit.
    pub tasks: usize,
    /// Whether the units are communes (names only).
    pub communes: bool,
    /// Each report arrives as a pull request merged into main (two commits:
    /// the unit's and the merge, as GitHub's merge button makes); else one
    /// commit straight on main.
    pub merges: bool,
    pub seed: u64,
}

impl Spec {
    /// The presets of the benchmarks.
    pub fn preset(name: &str) -> Option<Spec> {
        let base = Spec {
            campaigns: 1,
            units: 17,
            rows: 90,
            commits: 200,
            tasks: 2,
            communes: false,
            merges: true,
            seed: 1,
        };
        match name {
            "province" => Some(base),
            "national" => Some(Spec {
                campaigns: 63,
                units: 20,
                rows: 100,
                commits: 10_000,
                ..base
            }),
            "commune" => Some(Spec {
                campaigns: 34,
                units: 100,
                rows: 100,
                commits: 20_000,
                tasks: 1,
                communes: true,
                ..base
            }),
            _ => None,
        }
    }

    /// `k` times the campaigns (so the units) and the commits.
    pub fn scaled(self, k: usize) -> Spec {
        Spec {
            campaigns: self.campaigns * k,
            commits: (self.commits - 1) * k + 1,
            ..self
        }
    }

    pub fn total_units(&self) -> usize {
        self.campaigns * self.units
    }
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub units: usize,
    pub submissions: usize,
    pub scored_rows: usize,
    pub commits: usize,
    pub stream_bytes: usize,
}

// The campaign period, as Unix seconds in UTC+7 wall time terms: content on
// 2023-08-25, cut-off 2023-09-10, deadline 2023-09-15 00:00 (+07:00).
const CONTENT_TIME: i64 = 1_692_925_200; // 2023-08-25T08:00:00+07:00
const DEADLINE: i64 = 1_694_710_800; // 2023-09-15T00:00:00+07:00
const DAY: i64 = 86_400;

pub fn campaign_id(c: usize) -> String {
    format!("tinh-{c:02}-2023")
}

/// The title of unit `u`'s task `t`, in the plan and on the Hugo pages.
pub fn task_title(u: usize, t: usize) -> String {
    format!(
        "Nhiệm vụ giả lập {t} của đơn vị {u}: {}",
        TOPICS[(u + t) % TOPICS.len()]
    )
}

pub fn unit_id(spec: &Spec, c: usize, u: usize) -> String {
    if spec.communes {
        format!("t{c:02}-xa-{u:03}")
    } else {
        format!("t{c:02}-so-{u:02}")
    }
}

pub fn unit_name(spec: &Spec, c: usize, u: usize) -> String {
    if spec.communes {
        format!("Xã giả lập {u:03} (tỉnh {c:02})")
    } else {
        format!("Sở giả lập {u:02} (tỉnh {c:02})")
    }
}

/// The ids of unit `u`'s rows: its own area, ten sub-criteria a criterion.
fn row_ids(spec: &Spec, u: usize) -> impl Iterator<Item = String> {
    (0..spec.rows).map(move |r| format!("{u}.{}.{}", r / 10 + 1, r % 10 + 1))
}

const TOPICS: [&str; 10] = [
    "ban hành kế hoạch và tổ chức thực hiện",
    "công khai thủ tục hành chính",
    "giải quyết hồ sơ đúng hạn",
    "tiếp nhận và xử lý phản ánh, kiến nghị",
    "rà soát văn bản quy phạm pháp luật",
    "số hóa hồ sơ, kết quả giải quyết",
    "đào tạo, bồi dưỡng cán bộ, công chức",
    "thực hiện cơ chế tự chủ tài chính",
    "ứng dụng công nghệ thông tin trong chỉ đạo, điều hành",
    "kiểm tra, đôn đốc và báo cáo định kỳ",
];

/// Everything in content/: units, the criteria set, each campaign's
/// campaign.toml and plan.toml.
fn content_files(spec: &Spec) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut units = String::from(
        "# Danh mục đơn vị GIẢ LẬP, sinh tự động để đo hiệu năng; không phải đơn vị hay tài khoản thật.\n\n[office]\nname = \"Sở Nội vụ (giả lập)\"\nadmins = [\"gia-lap-admin\"]\n",
    );
    for c in 1..=spec.campaigns {
        for u in 1..=spec.units {
            let _ = write!(
                units,
                "\n[[unit]]\nid = \"{}\"\nname = \"{}\"\nowners = [\"{}-clerk\"]\n",
                unit_id(spec, c, u),
                unit_name(spec, c, u),
                unit_id(spec, c, u)
            );
        }
    }
    files.push(("content/units.toml".to_owned(), units));

    let mut set = format!(
        "# Bộ tiêu chí GIẢ LẬP để đo hiệu năng, không phải bộ tiêu chí thật.\nid = \"gia-lap\"\ntitle = \"Bộ tiêu chí giả lập\"\nillustrative = true\nillustrative_note = \"Bộ tiêu chí sinh tự động để đo hiệu năng, không phải số liệu thật.\"\ntotal = {}\nstep = 0.25\n\n[[band]]\nmin_percent = 80\nlabel = \"Khá\"\n\n[[band]]\nmin_percent = 0\nlabel = \"Chưa đạt\"\n",
        spec.units * spec.rows
    );
    for u in 1..=spec.units {
        let _ = write!(
            set,
            "\n[[area]]\nid = \"{u}\"\nname = \"Lĩnh vực giả lập {u}\"\nmax = {}\n",
            spec.rows
        );
        let criteria = spec.rows.div_ceil(10);
        for k in 1..=criteria {
            let subs = (spec.rows - (k - 1) * 10).min(10);
            let _ = write!(
                set,
                "\n[[area.criterion]]\nid = \"{u}.{k}\"\nname = \"Tiêu chí giả lập {u}.{k}: {}\"\nmax = {subs}\n",
                TOPICS[k % TOPICS.len()]
            );
            for s in 1..=subs {
                let _ = write!(
                    set,
                    "\n[[area.criterion.sub]]\nid = \"{u}.{k}.{s}\"\nname = \"Mức độ {} (nội dung {s})\"\nmax = 1\n",
                    TOPICS[(k + s) % TOPICS.len()]
                );
            }
        }
    }
    files.push(("content/criteria/gia-lap.toml".to_owned(), set));

    for c in 1..=spec.campaigns {
        let id = campaign_id(c);
        let mut campaign = format!(
            "# Đợt đánh giá GIẢ LẬP để đo hiệu năng.\nid = \"{id}\"\ntitle = \"Đợt đánh giá giả lập của tỉnh {c:02} năm 2023\"\nillustrative = true\nillustrative_note = \"Dữ liệu sinh tự động để đo hiệu năng của cchc, không phải số liệu của tỉnh nào.\"\ncriteria_set = \"gia-lap\"\ncutoff = 2023-09-10\ntime_zone = \"Asia/Ho_Chi_Minh\"\ndeadline = 2023-09-15T00:00:00\n\n[letter]\nnumber = \"{c}/SNV-GL\"\ndate = 2023-08-25\n\n[plan]\nnumber = \"{c}/KH-GL\"\ndate = 2022-12-23\ntitle = \"Kế hoạch CCHC giả lập năm 2023\"\n"
        );
        for u in 1..=spec.units {
            let _ = write!(
                campaign,
                "\n[[participant]]\nunit = \"{}\"\nappendix = \"{u}\"\n",
                unit_id(spec, c, u)
            );
        }
        for u in 1..=spec.units {
            let _ = write!(campaign, "\n[[appendix]]\nid = \"{u}\"\nrows = [");
            for (i, r) in row_ids(spec, u).enumerate() {
                let sep = if i == 0 { "" } else { ", " };
                let _ = write!(campaign, "{sep}\"{r}\"");
            }
            campaign.push_str("]\n");
        }
        files.push((format!("content/campaigns/{id}/campaign.toml"), campaign));

        let mut plan = String::from("# Kế hoạch GIẢ LẬP để đo hiệu năng.\n");
        for u in 1..=spec.units {
            for t in 1..=spec.tasks {
                let due = if t % 2 == 1 {
                    "2023-06-30"
                } else {
                    "2023-11-30"
                };
                let _ = write!(
                    plan,
                    "\n[[task]]\nid = \"NV{u:03}-{t}\"\ntitle = \"{}\"\nlead = \"{}\"\noutput = \"Văn bản, báo cáo kết quả\"\ndue = {due}\narea = \"{u}\"\n",
                    task_title(u, t),
                    unit_id(spec, c, u)
                );
            }
        }
        files.push((format!("content/campaigns/{id}/plan.toml"), plan));
    }
    files
}

/// One scored row of a unit's report, as both outputs need it.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub score: f64,
    pub explanation: String,
    pub evidence_number: String,
    pub evidence_date: String,
    pub evidence_title: String,
    pub url: Option<String>,
}

fn rng_for(spec: &Spec, c: usize, u: usize, version: usize) -> fastrand::Rng {
    let key = spec.seed ^ ((c as u64) << 40) ^ ((u as u64) << 20) ^ version as u64;
    fastrand::Rng::with_seed(key.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Unit `u`'s rows in revision `version` (later revisions change some scores).
pub fn rows(spec: &Spec, c: usize, u: usize, version: usize) -> Vec<Row> {
    let mut base = rng_for(spec, c, u, 0);
    let mut change = rng_for(spec, c, u, version);
    row_ids(spec, u)
        .enumerate()
        .map(|(i, id)| {
            let mut quarters = base.u8(1..=4);
            if version > 0 && change.u8(0..10) == 0 {
                quarters = change.u8(0..=4);
            }
            let done = base.u32(50..200);
            let of = done + base.u32(0..20);
            let month = base.u8(1..=8);
            let day = base.u8(1..=28);
            let n = base.u32(1..900);
            let topic = TOPICS[(i / 10 + i % 10 + 1) % TOPICS.len()];
            Row {
                name: format!("Mức độ {topic} (nội dung {})", i % 10 + 1),
                score: f64::from(quarters) * 0.25,
                explanation: format!(
                    "Đã thực hiện {done}/{of} nội dung về {topic}; tỷ lệ đạt {:.1}%. Số liệu tính đến ngày 10/9/2023 (bản {}).",
                    f64::from(done) * 100.0 / f64::from(of),
                    version + 1
                ),
                evidence_number: format!("{n}/BC-DV{u}"),
                evidence_date: format!("2023-{month:02}-{day:02}"),
                evidence_title: format!("Báo cáo kết quả {topic}"),
                url: (i % 4 == 0).then(|| format!("https://dv{u}.gia-lap.example/tai-lieu/{n}")),
                id,
            }
        })
        .collect()
}

fn toml_string(s: &str) -> String {
    // The generated texts hold no quotes, backslashes or control characters.
    format!("\"{s}\"")
}

/// A unit's submission file in revision `version`.
fn submission(spec: &Spec, c: usize, u: usize, version: usize) -> String {
    let mut s = format!(
        "# Báo cáo GIẢ LẬP (sinh tự động để đo hiệu năng, không phải số liệu thật).\ncampaign = \"{}\"\nunit = \"{}\"\n\n[prepared_by]\nname = \"Cán bộ giả lập {u}\"\nemail = \"dv{u}@gia-lap.example\"\n",
        campaign_id(c),
        unit_id(spec, c, u)
    );
    for t in 1..=spec.tasks {
        if t % 2 == 1 {
            let _ = write!(
                s,
                "\n[[task]]\nid = \"NV{u:03}-{t}\"\nstatus = \"done\"\nprogress = 100\nnote = \"Đã hoàn thành, có văn bản kèm theo.\"\n"
            );
        } else {
            let _ = write!(
                s,
                "\n[[task]]\nid = \"NV{u:03}-{t}\"\nstatus = \"in_progress\"\nprogress = {}\nnote = \"Đang thực hiện theo kế hoạch.\"\n",
                20 + (u * 7 + version) % 70
            );
        }
    }
    for row in rows(spec, c, u, version) {
        let _ = write!(
            s,
            "\n[[score]]\ncriterion = \"{}\"\nscore = {}\nexplanation = {}\n[[score.evidence]]\nnumber = {}\ndate = {}\ntitle = {}\n",
            row.id,
            row.score,
            toml_string(&row.explanation),
            toml_string(&row.evidence_number),
            row.evidence_date,
            toml_string(&row.evidence_title)
        );
        if let Some(url) = &row.url {
            let _ = writeln!(s, "url = {}", toml_string(url));
        }
    }
    s
}

/// One commit after the first: a unit's report added or revised.
#[derive(Debug, Clone, Copy)]
struct Event {
    time: i64,
    campaign: usize,
    unit: usize,
}

/// The commits' events in time order, and each unit's last version.
fn events(spec: &Spec) -> (Vec<Event>, Vec<Vec<Option<usize>>>) {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    let mut adds = Vec::new();
    for c in 1..=spec.campaigns {
        for u in 1..=spec.units {
            // About one unit in thirty never sends its report.
            if rng.u8(0..30) != 0 {
                // From the letter to two days after the deadline: a few late.
                let time = CONTENT_TIME + DAY + rng.i64(0..(DEADLINE - CONTENT_TIME + DAY));
                adds.push(Event {
                    time,
                    campaign: c,
                    unit: u,
                });
            }
        }
    }
    // The first commit holds content/; a merged pull request takes two.
    let budget = spec.commits.saturating_sub(1) / if spec.merges { 2 } else { 1 };
    adds.truncate(budget);
    let mut all = adds.clone();
    while all.len() < budget && !adds.is_empty() {
        let add = adds[rng.usize(0..adds.len())];
        // A revision within three weeks of the report's first version.
        all.push(Event {
            time: add.time + 1 + rng.i64(0..21 * DAY),
            ..add
        });
    }
    all.sort_by_key(|e| (e.time, e.campaign, e.unit));
    let mut last = vec![vec![None; spec.units + 1]; spec.campaigns + 1];
    for e in &all {
        let v = &mut last[e.campaign][e.unit];
        *v = Some(v.map_or(0, |n| n + 1));
    }
    (all, last)
}

fn data(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    writeln!(out, "data {}", bytes.len())?;
    out.write_all(bytes)?;
    out.write_all(b"\n")
}

/// Writes the repository at `dir` (which must not exist or be empty).
pub fn generate(spec: &Spec, dir: &Path) -> io::Result<Summary> {
    std::fs::create_dir_all(dir)?;
    git(dir, &["init", "-q", "-b", "main"])?;
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet", "--done"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .spawn()?;
    let stdin = child
        .stdin
        .take()
        .ok_or_else(|| io::Error::other("no stdin"))?;
    let mut out = BufWriter::with_capacity(1 << 20, stdin);
    let mut summary = Summary {
        units: spec.total_units(),
        ..Summary::default()
    };
    let mut bytes = 0usize;
    // The first commit: the office's content.
    writeln!(out, "commit refs/heads/main")?;
    writeln!(out, "mark :1")?;
    writeln!(
        out,
        "committer Phong CCHC <gia-lap-admin@gia-lap.example> {CONTENT_TIME} +0700"
    )?;
    data(&mut out, "Nội dung đợt đánh giá giả lập".as_bytes())?;
    let mut first = content_files(spec);
    first.push((
        "README.md".to_owned(),
        "# Kho GIẢ LẬP để đo hiệu năng của cchc\n\nDữ liệu sinh tự động, không phải số liệu thật.\n".to_owned(),
    ));
    first.push((".gitignore".to_owned(), "/site/\n".to_owned()));
    for (path, text) in &first {
        writeln!(out, "M 100644 inline {path}")?;
        data(&mut out, text.as_bytes())?;
        bytes += text.len();
    }
    summary.commits = 1;
    let (events, last) = events(spec);
    let mut version = vec![vec![0usize; spec.units + 1]; spec.campaigns + 1];
    let mut main = 1;
    for (n, e) in events.iter().enumerate() {
        let v = version[e.campaign][e.unit];
        version[e.campaign][e.unit] += 1;
        let unit = unit_id(spec, e.campaign, e.unit);
        let path = format!("submissions/{}/{unit}.toml", campaign_id(e.campaign));
        let text = submission(spec, e.campaign, e.unit, v);
        let what = if v == 0 { "Gửi" } else { "Sửa" };
        let blob = 3 * n + 2;
        writeln!(out, "blob\nmark :{blob}")?;
        data(&mut out, text.as_bytes())?;
        bytes += text.len();
        let merged = if spec.merges {
            let side = 3 * n + 3;
            writeln!(out, "commit refs/heads/pr\nmark :{side}")?;
            writeln!(
                out,
                "committer Can bo {unit} <{unit}@gia-lap.example> {} +0700",
                e.time - 900
            )?;
            data(&mut out, format!("{what} báo cáo của {unit}").as_bytes())?;
            writeln!(out, "from :{main}\nM 100644 :{blob} {path}")?;
            summary.commits += 1;
            Some(side)
        } else {
            None
        };
        let commit = 3 * n + 4;
        writeln!(out, "commit refs/heads/main\nmark :{commit}")?;
        writeln!(
            out,
            "committer GitHub <noreply@gia-lap.example> {} +0700",
            e.time
        )?;
        data(
            &mut out,
            format!(
                "Merge pull request #{} from {unit}/bao-cao\n\n{what} báo cáo của {unit}\n",
                n + 1
            )
            .as_bytes(),
        )?;
        writeln!(out, "from :{main}")?;
        if let Some(side) = merged {
            writeln!(out, "merge :{side}")?;
        }
        writeln!(out, "M 100644 :{blob} {path}")?;
        main = commit;
        summary.commits += 1;
    }
    writeln!(out, "done")?;
    out.flush()?;
    drop(out);
    let status = child.wait()?;
    if !status.success() {
        return Err(io::Error::other(format!("git fast-import: {status}")));
    }
    git(dir, &["reset", "-q", "--hard", "main"])?;
    if spec.merges {
        git(dir, &["update-ref", "-d", "refs/heads/pr"])?;
    }
    summary.stream_bytes = bytes;
    summary.submissions = last.iter().flatten().filter(|v| v.is_some()).count();
    summary.scored_rows = summary.submissions * spec.rows;
    Ok(summary)
}

/// Each unit's last version (`None`: never sent), for writing other outputs
/// of the same data.
pub fn final_versions(spec: &Spec) -> Vec<Vec<Option<usize>>> {
    events(spec).1
}

fn git(dir: &Path, args: &[&str]) -> io::Result<()> {
    let status = Command::new("git").args(args).current_dir(dir).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "git {}: {status}",
            args.join(" ")
        )))
    }
}
