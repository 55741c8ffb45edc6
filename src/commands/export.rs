//! `cchc export`: a campaign's consolidated table as CSV, XLSX or JSON, or
//! its plan's tasks as CSV: the site's downloads, byte for byte.

use std::path::Path;

use cchc_core::export as exports;
use cchc_core::pipeline::Whole;
use cchc_core::text::Text;
use cchc_core::tr;

use super::pick;
use crate::ctx::{Ctx, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
    /// The plan's tasks as CSV (the site's bang-tong-hop-nhiem-vu.csv).
    TasksCsv,
    /// The units to chase as CSV (the site's can-don-doc.csv).
    ChaseCsv,
    /// Each unit's criteria through appraisal, explanation and final scores
    /// (the site's tham-dinh.csv).
    AppraisalCsv,
}

pub fn export(
    ctx: &Ctx,
    format: ExportFormat,
    campaign: Option<&str>,
    out: Option<&Path>,
    branch: Option<&str>,
) -> Result<u8, Failure> {
    let whole = Whole::read(&*ctx.repository(branch)?)?;
    let report = whole.report();
    let c = pick(&report, campaign)?;
    let bytes = match format {
        ExportFormat::Csv => exports::csv(c),
        ExportFormat::Xlsx => exports::xlsx(c, report.at),
        ExportFormat::Json => exports::json(c, &report.generated.iso),
        ExportFormat::TasksCsv => exports::tasks_csv(c),
        ExportFormat::ChaseCsv => exports::chase_csv(c),
        ExportFormat::AppraisalCsv if c.cycle.is_none() => {
            return Err(tr!(
                "đợt {} không có giai đoạn thẩm định",
                "campaign {} has no appraisal",
                c.id.clone()
            ));
        }
        ExportFormat::AppraisalCsv => exports::cycle_csv(c),
    }
    .map_err(Text::same)?;
    match out {
        Some(path) => {
            std::fs::write(path, &bytes)
                .map_err(|e| Text::same(format!("{}: {e}", path.display())))?;
        }
        None if format == ExportFormat::Xlsx && ctx.stdout_is_terminal() => {
            return Err(tr!(
                "tệp XLSX là tệp nhị phân: dùng --out TỆP.xlsx để ghi ra tệp",
                "XLSX is binary: use --out FILE.xlsx to write it to a file"
            ));
        }
        None => ctx.print_bytes(&bytes)?,
    }
    Ok(0)
}
