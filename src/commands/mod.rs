//! The commands, one module each. Each reads through a
//! [`cchc_core::pipeline::Repository`] (the work tree, or the branch named
//! by `--branch`), runs the core's pipeline and writes the result; each takes
//! a [`Ctx`] and knows nothing of the command line.

pub mod build;
pub mod codeowners;
pub mod export;
pub mod new;
pub mod status;
pub mod templates;
pub mod validate;

use cchc_core::history::History;
use cchc_core::report::{CampaignReport, Report};
use cchc_core::tr;

use crate::ctx::{Ctx, Failure};

/// Says, once, that arrival times are unknown and why.
fn history_warning(ctx: &Ctx, history: &History) {
    if let History::Unknown { reason } = history {
        ctx.say(&tr!(
            "cảnh báo: {}; thời điểm nhận sẽ ghi là chưa rõ.",
            "warning: {}; arrival times are shown as unknown.",
            reason
        ));
    }
}

/// The campaign `campaign` names, or the newest.
fn pick<'r>(report: &'r Report, campaign: Option<&str>) -> Result<&'r CampaignReport, Failure> {
    match campaign {
        Some(id) => report.campaigns.iter().find(|c| c.id == id).ok_or_else(|| {
            tr!(
                "không có đợt đánh giá {} (hoặc đợt có lỗi nội dung: chạy `cchc validate`)",
                "no campaign {} (or its content has errors: run `cchc validate`)",
                id
            )
        }),
        None => report.campaigns.first().ok_or_else(|| {
            tr!(
                "chưa có đợt đánh giá hợp lệ nào",
                "there is no valid campaign"
            )
        }),
    }
}
