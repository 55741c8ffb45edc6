//! The repository's templates/, or the ones built into cchc.

use std::path::Path;

use cchc_core::site::{self, Templates};
use cchc_core::text::{Text, visible};

use crate::ctx::Failure;
use crate::fsio::{self, Kind};

/// The repository's templates/, or the ones built into cchc. Nothing is
/// read through a symbolic link: a linked templates/, templates/static or
/// file in them stops the build (a pull request could otherwise put any
/// folder of the machine that builds it into the site).
pub fn load_templates(root: &Path) -> Result<Templates, Failure> {
    let failed = |rel: &str, e: &std::io::Error| Text::same(format!("{}: {e}", visible(rel)));
    match fsio::kind_under(root, "templates").map_err(|e| failed("templates", &e))? {
        Kind::Dir => {}
        Kind::Link => return Err(linked(&["templates".to_owned()])),
        _ => return Templates::builtin().map_err(Text::same),
    }
    let mut sources = Vec::new();
    let mut assets = Vec::new();
    let mut links = Vec::new();
    let listed = |rel: &str| fsio::list(&root.join(rel)).map_err(|e| failed(rel, &e));
    for entry in listed("templates")? {
        let name = entry.name.to_string_lossy().into_owned();
        let rel = format!("templates/{name}");
        match entry.kind {
            Kind::Link => links.push(rel),
            Kind::File if site::is_page(&name) => {
                let text = std::fs::read_to_string(&entry.path).map_err(|e| failed(&rel, &e))?;
                sources.push((name, text));
            }
            Kind::Dir if name == "static" => {
                for asset in listed(&rel)? {
                    let name = asset.name.to_string_lossy().into_owned();
                    let rel = format!("{rel}/{name}");
                    match asset.kind {
                        Kind::Link => links.push(rel),
                        Kind::File => {
                            let bytes = std::fs::read(&asset.path).map_err(|e| failed(&rel, &e))?;
                            assets.push((name, bytes));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if !links.is_empty() {
        return Err(linked(&links));
    }
    Templates::new(sources, assets).map_err(|e| Text::same(format!("templates/: {e}")))
}

/// Why templates/ is refused: the links it holds, and what to do.
fn linked(paths: &[String]) -> Failure {
    let names = paths
        .iter()
        .map(|p| visible(p))
        .collect::<Vec<_>>()
        .join(", ");
    let are = if paths.len() == 1 {
        "is a symbolic link"
    } else {
        "are symbolic links"
    };
    Text::new(
        format!(
            "không dùng được templates/: {names} là liên kết tượng trưng (symlink). cchc không đi theo liên kết khi tạo trang, để trang chỉ chứa những gì có trong kho. Thay liên kết bằng tệp hoặc thư mục thật (chép nội dung vào kho), hoặc xóa liên kết."
        ),
        format!(
            "templates/ cannot be used: {names} {are}. cchc follows no links when it builds the site, so that the site holds only what is in the repository. Replace the link with the real file or folder (copy its content into the repository), or remove it."
        ),
    )
}
