//! Each kind of TOML table declared once: [`toml_table!`] makes its spec (what
//! the reader checks, `cchc schema` and `cchc new` show), its struct and its
//! reading from one list of keys. A key's Rust type chooses how it is read
//! ([`FieldValue`]), and the compiler checks that the type can hold the key's
//! [`Kind`] (a `Table`'s or `Tables`' spec is its type's).

use jiff::civil::{Date, DateTime};

use super::spec::{Kind, TableSpec};
use super::{Obj, Reader};
use crate::source::Sp;

/// A table declared with `toml_table!`: its spec and how it is read.
pub trait Table: Sized {
    /// The keys it may hold.
    const SPEC: &'static TableSpec;

    /// Reads a table already checked against [`Self::SPEC`]. Every key is
    /// read, and so reported, first; `None` then drops an entry that lacks a
    /// key it cannot do without.
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>) -> Option<Self>;
}

/// The type of a declared key: how its value is read.
///
/// `Option<Sp<T>>` is `None` when the key is absent or its value unusable
/// (reported); a bare `Sp<T>` means an entry without it is dropped; `bool` is
/// `false` unless written `true`; `Vec<Sp<String>>` is a list of texts;
/// `Option<T>` and `Vec<T>` of a [`Table`] are `[key]` and `[[key]]`.
pub(crate) trait FieldValue: Sized {
    /// A kind of key it holds; every kind read into the same value fits as
    /// well ([`Kind::reads_like`]).
    const KIND: Kind;

    /// Reads `key` of `o`; `None` only when the entry is to be dropped.
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Self>;
}

/// A value held in a [`Sp`]: which of the reader's functions reads it.
pub(crate) trait Scalar: Sized {
    /// A kind of key it holds.
    const KIND: Kind;

    /// The value of `key`, with its span.
    fn get(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Sp<Self>>;
}

/// `impl Scalar`: each type with a kind it holds and the reader's function.
macro_rules! scalars {
    ($($t:ty => $kind:expr, $get:ident;)*) => {$(
        impl Scalar for $t {
            const KIND: Kind = $kind;
            fn get(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Sp<Self>> {
                r.$get(o, key)
            }
        }
    )*};
}

scalars! {
    String => Kind::Str, str;
    f64 => Kind::Number, number;
    i64 => Kind::Integer, integer;
    bool => Kind::Bool, bool;
    Date => Kind::Date, date;
    DateTime => Kind::DateTime, datetime;
    // An enumeration: the allowed value as the spec spells it.
    &'static str => Kind::Enum(&[]), enumeration;
}

impl<T: Scalar> FieldValue for Option<Sp<T>> {
    const KIND: Kind = T::KIND;
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Self> {
        Some(T::get(r, o, key))
    }
}

impl<T: Scalar> FieldValue for Sp<T> {
    const KIND: Kind = T::KIND;
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Self> {
        T::get(r, o, key)
    }
}

impl FieldValue for bool {
    const KIND: Kind = Kind::Bool;
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Self> {
        Some(r.bool(o, key).is_some_and(|b| b.value))
    }
}

impl FieldValue for Vec<Sp<String>> {
    const KIND: Kind = Kind::Strings;
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Self> {
        Some(r.strings(o, key))
    }
}

impl<T: Table> FieldValue for Option<T> {
    const KIND: Kind = Kind::Table(T::SPEC);
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Self> {
        Some(r.table(o, key).and_then(|t| T::read(r, &t)))
    }
}

impl<T: Table> FieldValue for Vec<T> {
    const KIND: Kind = Kind::Tables(T::SPEC);
    fn read(r: &mut Reader<'_>, o: &Obj<'_, '_>, key: &str) -> Option<Self> {
        Some(
            r.tables(o, key)
                .iter()
                .filter_map(|t| T::read(r, t))
                .collect(),
        )
    }
}

/// Declares a kind of TOML table once: its spec (a `static` [`TableSpec`]),
/// its struct (`#[derive(Debug, Clone)]`) and its [`Table`] impl.
///
/// ```ignore
/// toml_table! {
///     /// Rust docs of the struct.
///     pub struct Office in OFFICE = "[office]", "Cơ quan điều phối", "The coordinating office" {
///         name: Option<Sp<String>> = Str, required, "Tên cơ quan", "Name of the agency";
///         admins: Vec<Sp<String>> = Strings, required, "…", "…";
///         // The Rust name differs from the key; `Table`/`Tables` take their
///         // spec from the type.
///         tasks as "task": Vec<TaskReport> = Tables, optional, "…", "…";
///     }
///     // Optional: values that are not keys, computed from the table (its
///     // span, `Reader::present`, `Reader::item_count`) and the fields read,
///     // which these expressions may name. They report nothing.
///     computed |r, o| {
///         /// The table's header.
///         span: Span = r.span(o.span.clone());
///     }
/// }
/// ```
///
/// A key is `key_name: Type = Kind, required|optional, "vi doc", "en doc";`,
/// in the order the spec lists it (the order of `cchc schema`, `cchc new`
/// and the "keys allowed here" hints). The type chooses the reading
/// ([`FieldValue`]); a bare `Sp<T>` drops the entry when the key is absent or
/// unusable, after every key of the table has been read and reported.
macro_rules! toml_table {
    // Internal rules first: a declaration never starts with `@`.
    (@key $field:ident) => {
        stringify!($field)
    };
    (@key $field:ident $key:literal) => {
        $key
    };
    // `Table` and `Tables` take their spec from the type.
    (@kind $ty:ty; Table) => {
        <$ty as $crate::toml_read::table::FieldValue>::KIND
    };
    (@kind $ty:ty; Tables) => {
        <$ty as $crate::toml_read::table::FieldValue>::KIND
    };
    (@kind $ty:ty; Table $args:tt) => {
        compile_error!("a `Table` key takes its spec from its type: write `Table` alone")
    };
    (@kind $ty:ty; Tables $args:tt) => {
        compile_error!("a `Tables` key takes its spec from its type: write `Tables` alone")
    };
    (@kind $ty:ty; $kind:ident $(($($arg:tt)*))?) => {
        $crate::toml_read::spec::Kind::$kind $(($($arg)*))?
    };
    // Whether the type can hold the kind.
    (@fits $ty:ty; Table) => {
        matches!(
            <$ty as $crate::toml_read::table::FieldValue>::KIND,
            $crate::toml_read::spec::Kind::Table(_)
        )
    };
    (@fits $ty:ty; Tables) => {
        matches!(
            <$ty as $crate::toml_read::table::FieldValue>::KIND,
            $crate::toml_read::spec::Kind::Tables(_)
        )
    };
    (@fits $ty:ty; $kind:ident $(($($arg:tt)*))?) => {
        $crate::toml_read::spec::Kind::$kind $(($($arg)*))?
            .reads_like(<$ty as $crate::toml_read::table::FieldValue>::KIND)
    };
    (@required required) => {
        true
    };
    (@required optional) => {
        false
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident in $spec:ident = $label:literal, $vi:literal, $en:literal {
            $(
                $(#[$fmeta:meta])*
                $field:ident $(as $key:literal)? : $ty:ty =
                    $kind:ident $(($($arg:tt)*))?, $req:ident, $fvi:literal, $fen:literal;
            )*
        }
        $(computed |$r:pat_param, $o:pat_param| {
            $(
                $(#[$cmeta:meta])*
                $cfield:ident : $cty:ty = $value:expr;
            )*
        })?
    ) => {
        $vis static $spec: $crate::toml_read::spec::TableSpec = $crate::toml_read::spec::TableSpec {
            name: $label,
            doc: $crate::text::StaticText { vi: $vi, en: $en },
            fields: &[$(
                $crate::toml_read::spec::Field {
                    key: $crate::toml_read::table::toml_table!(@key $field $($key)?),
                    kind: $crate::toml_read::table::toml_table!(@kind $ty; $kind $(($($arg)*))?),
                    required: $crate::toml_read::table::toml_table!(@required $req),
                    doc: $crate::text::StaticText { vi: $fvi, en: $fen },
                },
            )*],
        };

        // Each field's type can hold its key's kind.
        const _: () = {$(
            assert!(
                $crate::toml_read::table::toml_table!(@fits $ty; $kind $(($($arg)*))?),
                concat!(
                    "`", stringify!($name), "::", stringify!($field),
                    "` cannot hold a `", stringify!($kind), "` key",
                ),
            );
        )*};

        $(#[$meta])*
        #[derive(Debug, Clone)]
        $vis struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
            $($(
                $(#[$cmeta])*
                pub $cfield: $cty,
            )*)?
        }

        impl $crate::toml_read::table::Table for $name {
            const SPEC: &'static $crate::toml_read::spec::TableSpec = &$spec;

            fn read(
                r: &mut $crate::toml_read::Reader<'_>,
                o: &$crate::toml_read::Obj<'_, '_>,
            ) -> Option<Self> {
                // Every key first, so that all are reported before a missing
                // one drops the entry.
                $(
                    let $field = <$ty as $crate::toml_read::table::FieldValue>::read(
                        r,
                        o,
                        $crate::toml_read::table::toml_table!(@key $field $($key)?),
                    );
                )*
                $(let $field = $field?;)*
                $(
                    let $r: &$crate::toml_read::Reader<'_> = r;
                    let $o: &$crate::toml_read::Obj<'_, '_> = o;
                    $(let $cfield: $cty = $value;)*
                )?
                Some(Self {
                    $($field,)*
                    $($($cfield,)*)?
                })
            }
        }
    };
}
pub(crate) use toml_table;
