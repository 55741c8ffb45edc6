//! The part of a GitHub `pull_request` event payload the gate reads.

use serde::Deserialize;

use super::Request;
use cchc_core::text::Text;
use cchc_core::tr;

#[derive(Debug, Deserialize)]
struct Event {
    pull_request: Option<EventPullRequest>,
    sender: Option<Account>,
    number: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct EventPullRequest {
    base: Option<EventRef>,
    head: Option<EventRef>,
    user: Option<Account>,
    #[serde(default)]
    draft: Option<bool>,
    number: Option<u64>,
    updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct EventRef {
    sha: Option<String>,
    #[serde(rename = "ref")]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Account {
    login: Option<String>,
}

/// Reads base, head, actors, draft and number from a GitHub `pull_request`
/// event payload: the pull request's author and the event's sender (whoever
/// pushed) are both actors.
pub fn from_event(json: &str) -> Result<Request, Text> {
    let v: Event = serde_json::from_str(json).map_err(|e| {
        tr!(
            "tệp sự kiện không phải JSON hợp lệ: {}",
            "the event file is not valid JSON: {}",
            e.to_string()
        )
    })?;
    let pr = v.pull_request.ok_or_else(|| {
        tr!(
            "tệp sự kiện không có pull_request: chỉ dùng với sự kiện pull_request",
            "the event file has no pull_request: use it with a pull_request event only"
        )
    })?;
    let missing = |what: &str| tr!("tệp sự kiện thiếu {}", "the event file has no {}", what);
    let base_ref = pr.base.as_ref().and_then(|b| b.name.clone());
    let base = pr
        .base
        .and_then(|b| b.sha)
        .ok_or_else(|| missing("pull_request.base.sha"))?;
    let head = pr
        .head
        .and_then(|h| h.sha)
        .ok_or_else(|| missing("pull_request.head.sha"))?;
    let mut actors = vec![
        pr.user
            .and_then(|u| u.login)
            .ok_or_else(|| missing("pull_request.user.login"))?,
    ];
    if let Some(sender) = v.sender.and_then(|s| s.login)
        && !actors.iter().any(|a| a.eq_ignore_ascii_case(&sender))
    {
        actors.push(sender);
    }
    Ok(Request {
        base,
        head,
        base_ref,
        actors,
        draft: pr.draft.unwrap_or(false),
        number: pr.number.or(v.number),
        updated_at: pr.updated_at.and_then(|s| s.parse().ok()),
    })
}
