//! `cchc schema`: the JSON Schema (2020-12) of a submission, or of a later
//! stage's file, generated from the same shape the reader checks, so the two
//! cannot disagree.

use serde_json::{Map, Value, json};

use crate::model::Stage;
use crate::raw::{cycle, submission};
use crate::toml_read::spec::{Kind, TableSpec};

/// Where the schema is committed, relative to the repository root; scaffolds
/// point their `#:schema` directive at it.
pub const SCHEMA_PATH: &str = "schema/submission.schema.json";

/// Where a later stage's schema is committed (`schema/appraisal.schema.json`).
pub fn stage_schema_path(stage: Stage) -> String {
    format!("schema/{}.schema.json", stage.folder())
}

/// The JSON Schema (draft 2020-12) of a submission file, built from its table spec.
pub fn submission_schema() -> Value {
    file_schema(
        &submission::FILE,
        "urn:cchc:submission",
        "Báo cáo tự đánh giá cải cách hành chính (cchc)",
    )
}

/// The JSON Schema of a later stage's file: an appraisal, explanations or
/// final scores.
pub fn stage_schema(stage: Stage) -> Value {
    let (spec, title) = match stage {
        Stage::Appraisal => (&cycle::APPRAISAL_FILE, "Kết quả thẩm định (cchc)"),
        Stage::Explanation => (&cycle::EXPLANATION_FILE, "Giải trình (cchc)"),
        Stage::Final => (&cycle::FINAL_FILE, "Điểm cuối cùng (cchc)"),
    };
    file_schema(spec, &format!("urn:cchc:{}", stage.folder()), title)
}

fn file_schema(spec: &TableSpec, id: &str, title: &str) -> Value {
    let mut root = table(spec);
    if let Value::Object(o) = &mut root {
        let mut head = Map::new();
        head.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        head.insert("$id".into(), json!(id));
        head.insert("title".into(), json!(title));
        head.append(o);
        *o = head;
    }
    root
}

/// The schema as printed and committed: pretty, with a final newline.
pub fn submission_schema_text() -> String {
    text(&submission_schema())
}

/// A later stage's schema as printed and committed.
pub fn stage_schema_text(stage: Stage) -> String {
    text(&stage_schema(stage))
}

fn text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

fn table(spec: &TableSpec) -> Value {
    let mut props = Map::new();
    for f in spec.fields {
        let mut v = kind(f.kind);
        if let Value::Object(o) = &mut v {
            o.insert(
                "description".into(),
                json!(format!("{} — {}", f.doc.vi, f.doc.en)),
            );
        }
        props.insert(f.key.into(), v);
    }
    let required: Vec<&str> = spec
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    json!({
        "type": "object",
        "description": format!("{} — {}", spec.doc.vi, spec.doc.en),
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

fn kind(k: Kind) -> Value {
    match k {
        Kind::Id => json!({"type": "string", "minLength": 1, "pattern": "^[^\\s/\\\\\"]+$"}),
        Kind::Str | Kind::Text => json!({"type": "string"}),
        Kind::Number => json!({"type": "number"}),
        Kind::Integer => json!({"type": "integer"}),
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Date => json!({"type": "string", "format": "date"}),
        Kind::DateTime => json!({"type": "string", "format": "partial-date-time"}),
        Kind::Url => json!({"type": "string", "format": "uri", "pattern": "^https?://"}),
        Kind::Enum(values) => json!({
            "enum": values.iter().map(|v| v.value).collect::<Vec<_>>(),
        }),
        Kind::Strings => json!({"type": "array", "items": {"type": "string"}}),
        Kind::Table(spec) => table(spec),
        Kind::Tables(spec) => json!({"type": "array", "items": table(spec)}),
    }
}
