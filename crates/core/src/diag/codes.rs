//! The catalogue of diagnostic codes. A code is stable forever: CI logs, the
//! office's documents and `cchc explain` refer to it. Add new codes at the end
//! of their group; never reuse a retired number.

use super::Severity;
use crate::text::StaticText;

macro_rules! codes {
    ($( $variant:ident $sev:ident $blank:literal $gate:literal $vi:literal $en:literal; )*) => {
        /// A diagnostic code. The variant name is the code itself.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                /// One code of the catalogue; `cchc explain` describes it.
                $variant
            ),*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written: "E012".
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant)),* }
            }

            /// The severity a rule reports with unless the context changes it.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev),* }
            }

            /// Whether the problem is a blank not filled in yet. A draft pull
            /// request is work in progress, so its blanks are only warnings.
            pub fn is_blank(self) -> bool {
                match self { $(Code::$variant => $blank),* }
            }

            /// A rule of the pull-request gate rather than of a file's content.
            pub fn is_gate(self) -> bool {
                match self { $(Code::$variant => $gate),* }
            }

            /// A short name of the rule.
            pub fn title(self) -> StaticText {
                match self { $(Code::$variant => StaticText { vi: $vi, en: $en }),* }
            }
        }
    };
}

codes! {
    // code, severity, a blank (`is_blank`), a gate rule (`is_gate`), title in Vietnamese and English.
    // The file itself.
    E001 Error false false "tệp không phải UTF-8" "file is not UTF-8";
    E002 Error false false "tệp chứa byte NUL" "file contains a NUL byte";
    E003 Error false false "tệp quá lớn" "file too large";
    E004 Error false false "lỗi cú pháp TOML" "TOML syntax error";
    W005 Warning false false "văn bản chưa ở dạng chuẩn NFC" "text is not in Unicode NFC";
    W006 Warning false false "tệp không thuộc cấu trúc thư mục báo cáo" "file out of place in submissions/";
    // The structure of a file.
    E010 Error false false "thiếu khóa bắt buộc" "missing required key";
    E011 Error false false "giá trị sai kiểu" "value of the wrong type";
    E012 Error false false "khóa không được biết đến" "unknown key";
    E013 Error false false "giá trị không nằm trong danh sách cho phép" "value not among those allowed";
    E014 Error true false "ô bắt buộc còn để trống" "required text left empty";
    E015 Error false false "ngày hoặc thời điểm không hợp lệ" "invalid date or time";
    E016 Error false false "mã định danh không hợp lệ" "malformed identifier";
    // Which unit and campaign a submission belongs to.
    E020 Error false false "tên tệp không khớp mã đơn vị" "file name does not match the unit";
    E021 Error false false "mã đợt không khớp thư mục" "campaign does not match its folder";
    E022 Error false false "đơn vị không có trong danh sách" "unknown unit";
    E023 Error false false "đơn vị không thuộc đợt đánh giá" "unit does not take part in the campaign";
    E024 Error false false "đợt đánh giá không tồn tại" "unknown campaign";
    E025 Error true false "thiếu thông tin liên hệ" "no contact given";
    // Self-scores.
    E030 Error false false "tiêu chí không có trong bộ tiêu chí" "unknown criterion";
    E031 Error false false "tiêu chí không thuộc phụ lục của đơn vị" "criterion not in the unit's appendix";
    E032 Error false false "tiêu chí được chấm hai lần" "criterion scored twice";
    E033 Error true false "thiếu tiêu chí của phụ lục" "criterion of the appendix missing";
    E034 Error false false "tiêu chí không do đơn vị tự chấm" "criterion not self-assessed";
    E035 Error false false "điểm không phải là số hữu hạn" "score is not a finite number";
    E036 Error false false "điểm âm" "negative score";
    E037 Error false false "điểm vượt quá điểm tối đa" "score above the maximum";
    E038 Error false false "điểm không đúng bước chấm" "score not a multiple of the step";
    E039 Error true false "có điểm nhưng thiếu tài liệu kiểm chứng" "score without evidence";
    E040 Error true false "\"không áp dụng\" nhưng thiếu lý do" "\"not applicable\" without a reason";
    E041 Error true false "tiêu chí chưa chấm điểm" "criterion not scored yet";
    E042 Error false false "vừa chấm điểm vừa ghi \"không áp dụng\"" "both a score and \"not applicable\"";
    E043 Error true false "thiếu giải thích" "no explanation";
    // Evidence documents.
    W050 Warning false false "tài liệu ban hành sau ngày chốt số liệu" "evidence dated after the data cut-off";
    E051 Error false false "ngày của tài liệu ở tương lai" "evidence dated in the future";
    E052 Error false false "đường dẫn không phải http(s)" "link is not http(s)";
    E053 Error false false "đường dẫn không hợp lệ" "malformed link";
    // Tasks of the year's plan.
    E060 Error false false "nhiệm vụ không có trong kế hoạch" "unknown task";
    E061 Error false false "nhiệm vụ của đơn vị khác" "another unit's task";
    E062 Error true false "thiếu nhiệm vụ được giao" "assigned task missing";
    E063 Error true false "nhiệm vụ chậm tiến độ thiếu tồn tại, nguyên nhân hoặc giải pháp" "task behind schedule without shortcomings, causes or remedy";
    E064 Error false false "nhiệm vụ được báo cáo hai lần" "task reported twice";
    E065 Error true false "nhiệm vụ chưa có tình trạng hoặc tiến độ" "task status or progress missing";
    E066 Error false false "tỷ lệ hoàn thành ngoài khoảng 0–100" "progress outside 0–100";
    W067 Warning false false "tỷ lệ hoàn thành không khớp tình trạng" "progress does not match status";
    // The office's content.
    E070 Error false false "mã bị trùng" "duplicate identifier";
    E071 Error false false "điểm tiêu chí thành phần không cộng đúng" "sub-criteria do not add up";
    E072 Error false false "điểm tiêu chí không cộng đúng" "criteria do not add up";
    E073 Error false false "điểm lĩnh vực không cộng đúng" "areas do not add up";
    E074 Error false false "một phụ lục giao cho hai đơn vị" "appendix assigned to two units";
    E075 Error false false "tiêu chí tự đánh giá chưa giao cho đơn vị nào" "self-assessed row assigned to no unit";
    E076 Error false false "tiêu chí giao cho hai phụ lục" "row assigned twice";
    E077 Error false false "tham chiếu đơn vị không tồn tại" "reference to an unknown unit";
    E078 Error false false "hạn gửi không sau ngày chốt số liệu" "deadline not after the cut-off";
    E079 Error false false "phụ lục nêu tiêu chí không chấm được" "appendix lists a row that cannot be scored";
    E080 Error false false "phụ lục không tồn tại" "unknown appendix";
    W081 Warning false false "phụ lục không giao cho đơn vị nào" "appendix given to no unit";
    E082 Error false false "bộ tiêu chí không tồn tại" "unknown criteria set";
    E083 Error false false "múi giờ không hợp lệ" "unknown time zone";
    E084 Error false false "mã không khớp tên tệp hoặc thư mục" "identifier does not match its file";
    E085 Error false false "điểm tối đa hoặc bước chấm không hợp lệ" "invalid maximum or step";
    W086 Warning false false "gia hạn không muộn hơn hạn chung" "extension not later than the deadline";
    E087 Error false false "đơn vị tham gia hai lần" "unit takes part twice";
    W088 Warning false false "đơn vị đã giải thể hoặc sáp nhập" "unit no longer exists";
    E089 Error false false "thiếu tệp nội dung bắt buộc" "required content file missing";
    E090 Error false false "trang thiếu phần đầu TOML" "page without front matter";
    E091 Error false false "lĩnh vực của nhiệm vụ không có trong bộ tiêu chí" "task's area not in the criteria set";
    E092 Error false false "CODEOWNERS không khớp danh sách đơn vị" "CODEOWNERS out of date";
    W093 Warning false false "địa chỉ kho dữ liệu không phải địa chỉ web" "repository address is not a web address";
    E094 Error false false "lĩnh vực giao thẩm định không có trong bộ tiêu chí" "appraised area not in the criteria set";
    E095 Error false false "các giai đoạn không nối tiếp nhau" "stages out of order";
    E096 Error false false "giai đoạn sau thẩm định mà không có thẩm định" "a later stage without an appraisal";
    // The gate on a pull request (`cchc check-pr`).
    E100 Error false true "người gửi không được sửa tệp này" "not the actor's to change";
    E101 Error false true "báo cáo đến sau hạn" "report arrives after the deadline";
    E102 Error false true "xóa hoặc đổi tên báo cáo" "submission deleted or renamed";
    E103 Error false true "tệp không thuộc một đợt và đơn vị đã biết" "not a known campaign and unit";
    E104 Error false true "tên tệp chỉ khác mã đã biết ở chữ hoa, thường hoặc dạng Unicode" "name differs from a known one only by case or Unicode form";
    E105 Error false true "không phải tệp văn bản thường" "not a regular file";
    E106 Error false true "đợt đánh giá đã đóng" "campaign closed";
    E107 Error false true "nhánh không đi thẳng từ nhánh công bố" "branch is not one line from the published branch";
    E108 Error false true "tệp đã thay đổi trên nhánh công bố sau khi tạo nhánh" "file changed on the published branch since the branch was made";
    E109 Error false true "yêu cầu hợp nhất không nhắm vào nhánh công bố" "pull request not into the published branch";
    E110 Error false true "ngoài thời hạn của giai đoạn" "outside the stage's window";
    // The stages after the self-assessment: appraisal, explanation, final.
    E120 Error false false "đợt không có giai đoạn này" "campaign has no such stage";
    E121 Error false false "không phải bên thẩm định của đợt" "not an appraiser of the campaign";
    E122 Error false false "bên thẩm định ghi trong tệp khác thư mục" "appraiser key does not match its folder";
    E123 Error false false "tiêu chí thuộc lĩnh vực của bên thẩm định khác" "row appraised by another appraiser";
    E124 Error true false "điểm thẩm định khác điểm tự đánh giá mà không có lý do" "appraised score differs without a reason";
    E125 Error true false "yêu cầu giải trình chưa đủ" "request for an explanation incomplete";
    E126 Error true false "thiếu tiêu chí trong tệp của giai đoạn" "rows left out of a stage's file";
    E127 Error false false "không có báo cáo để thẩm định" "no report to appraise";
    E128 Error false false "giải trình khi không được yêu cầu" "explanation nobody asked for";
    E129 Error false false "điểm cuối cùng khi chưa thẩm định" "final score without an appraisal";
    E130 Error true false "điểm cuối cùng khác điểm thẩm định mà không có ghi chú" "final score differs without a note";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_their_severity_prefix() {
        for code in Code::ALL {
            let prefix = match code.default_severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            assert!(code.as_str().starts_with(prefix), "{code:?}");
            assert_eq!(code.as_str().len(), 4);
        }
    }
}
