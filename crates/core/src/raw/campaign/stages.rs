//! The later stages of a campaign in campaign.toml: `[appraisal]`,
//! `[explanation]` and `[final]`, each optional, each with its window.

use jiff::civil::{Date, DateTime};

use crate::source::Sp;
use crate::toml_read::table::toml_table;

toml_table! {
    pub struct AreaAppraiser in AREA_APPRAISER = "[[appraisal.area]]",
        "Một lĩnh vực và đơn vị thẩm định lĩnh vực đó",
        "An area and who appraises it" {
        area: Sp<String> = Id, required,
            "Mã lĩnh vực trong bộ tiêu chí, ví dụ 2",
            "The area's id in the criteria set, e.g. 2";
        appraiser: Sp<String> = Id, required,
            "Ai thẩm định: mã một đơn vị trong content/units.toml, hoặc office (Phòng CCHC)",
            "Who appraises it: a unit id of content/units.toml, or office (the PAR office)";
    }
}

toml_table! {
    pub struct Appraisal in APPRAISAL = "[appraisal]",
        "Giai đoạn thẩm định kết quả tự đánh giá",
        "The appraisal of the self-assessments" {
        opens: Option<Sp<DateTime>> = DateTime, optional,
            "Bắt đầu nhận kết quả thẩm định (giờ địa phương); mặc định là hạn gửi báo cáo. Báo cáo của một đơn vị chỉ được thẩm định sau hạn của chính đơn vị đó",
            "When appraisals may start (local time); by default the reports' deadline. A unit's report is appraised only after its own deadline";
        deadline: Option<Sp<DateTime>> = DateTime, required,
            "Hạn thẩm định (giờ địa phương): kết quả thẩm định phải đến trước thời điểm này",
            "The appraisal's deadline (local time): appraisals must arrive before it";
        appraiser: Option<Sp<String>> = Id, optional,
            "Ai thẩm định các lĩnh vực không nêu trong [[appraisal.area]]: office (Phòng CCHC, mặc định) hoặc mã một đơn vị",
            "Who appraises the areas [[appraisal.area]] does not list: office (the PAR office, the default) or a unit id";
        areas as "area": Vec<AreaAppraiser> = Tables, optional,
            "Lĩnh vực do một đơn vị khác thẩm định",
            "Areas appraised by another unit";
    }
}

toml_table! {
    pub struct Explanation in EXPLANATION = "[explanation]",
        "Giai đoạn giải trình: đơn vị trả lời các yêu cầu giải trình của bên thẩm định",
        "The explanations: units answer the appraisers' requests" {
        deadline: Option<Sp<DateTime>> = DateTime, required,
            "Hạn giải trình (giờ địa phương); bắt đầu từ hạn thẩm định",
            "The explanations' deadline (local time); they open at the appraisal's deadline";
    }
}

toml_table! {
    pub struct Decision in DECISION = "[final.decision]",
        "Văn bản phê duyệt kết quả cuối cùng",
        "The decision approving the final results" {
        number: Option<Sp<String>> = Str, required,
            "Số, ký hiệu văn bản, ví dụ 125/QĐ-UBND",
            "The document's number, e.g. 125/QĐ-UBND";
        date: Option<Sp<Date>> = Date, required, "Ngày ban hành", "Date issued";
        title: Option<Sp<String>> = Str, optional, "Trích yếu", "Title";
        url: Option<Sp<String>> = Url, optional, "Đường dẫn đến văn bản", "Link to the document";
    }
}

toml_table! {
    pub struct Final in FINAL = "[final]",
        "Giai đoạn chấm điểm cuối cùng, sau giải trình",
        "The final scores, after the explanations" {
        deadline: Option<Sp<DateTime>> = DateTime, required,
            "Hạn chấm điểm cuối cùng (giờ địa phương); bắt đầu từ hạn giải trình (hoặc hạn thẩm định nếu không có giải trình)",
            "The final scores' deadline (local time); they open at the explanations' deadline (or the appraisal's, without explanations)";
        decision: Option<Decision> = Table, optional,
            "Văn bản phê duyệt kết quả (khi đã có)",
            "The decision approving the results (once there is one)";
    }
}
