//! The `href` template function: the links of [`crate::urls`] for templates.

use tera::{Kwargs, State, Tera};

use crate::urls::{Target, asset, home, link, link_from_root};

/// The target named `to` in a template, with its `id` where it takes one.
fn target<'a>(to: &str, id: Option<&'a str>) -> Result<Target<'a>, String> {
    let id = || id.ok_or_else(|| format!("href(to=\"{to}\") needs an id"));
    Ok(match to {
        "dashboard" => Target::Dashboard,
        "unit" => Target::Unit(id()?),
        "area" => Target::Area(id()?),
        "tasks" => Target::Tasks,
        "table" => Target::Table,
        "table-by-loss" => Target::TableByLoss,
        "method" => Target::Method,
        "page" => Target::Page(id()?),
        "scaffold" => Target::Scaffold(id()?),
        "csv" => Target::Csv,
        "xlsx" => Target::Xlsx,
        "json" => Target::Json,
        "tasks-csv" => Target::TasksCsv,
        "chase" => Target::Chase,
        "chase-csv" => Target::ChaseCsv,
        "appraisal" => Target::Appraisal,
        "appraisal-csv" => Target::AppraisalCsv,
        other => return Err(format!("href: no page {other:?}")),
    })
}

/// The `href` template function: `href(to="unit", id=u.id)` is the link to
/// a unit's page from its campaign's folder (`don-vi/y-te.html`);
/// `campaign=c.id` makes it from the site's root (`2023/don-vi/y-te.html`),
/// which is what `to="home"` and `to="asset", id="style.css"` are from.
fn href_function(kwargs: &Kwargs) -> tera::TeraResult<String> {
    let to: &str = kwargs.must_get("to")?;
    let id: Option<&str> = kwargs.get("id")?;
    let campaign: Option<&str> = kwargs.get("campaign")?;
    let path = match (to, id) {
        ("home", _) => home(),
        ("asset", Some(name)) => asset(name),
        ("asset", None) => return Err(tera::Error::message("href(to=\"asset\") needs an id")),
        _ => {
            let t = target(to, id).map_err(tera::Error::message)?;
            return Ok(match campaign {
                Some(c) => link_from_root(c, t),
                None => link(t),
            });
        }
    };
    Ok(path.href())
}

/// Makes the `href` function known to the templates.
pub fn register(tera: &mut Tera) {
    tera.register_function("href", |kwargs: Kwargs, _: &State| href_function(&kwargs));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urls::{campaign_file, in_campaign};

    #[test]
    fn the_template_function_gives_the_same_links() {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template(
            "t",
            "{{ href(to=\"unit\", id=\"y tế\") }} {{ href(to=\"dashboard\", campaign=\"đợt 1\") }} {{ href(to=\"home\") }}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let out = tera
            .render("t", &tera::Context::new())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            format!(
                "{} {} index.html",
                in_campaign(Target::Unit("y tế")).href(),
                campaign_file("đợt 1", Target::Dashboard).href()
            )
        );
        assert_eq!(
            out,
            "don-vi/y%20t%E1%BA%BF.html %C4%91%E1%BB%A3t%201/index.html index.html"
        );
    }
}
