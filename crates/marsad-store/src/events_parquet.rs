//! Events as a Parquet file (cargo feature `parquet`): the columns of the CSV export, typed.

use std::sync::Arc;

use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::events::{csv_row, StoredEvent, CSV_COLUMNS};

/// Columns written as numbers; every other CSV column is an optional UTF-8 string.
const INT_COLUMNS: [&str; 3] = ["event_id", "quad_class", "mentions"];
const FLOAT_COLUMNS: [&str; 4] = ["goldstein", "lat", "lon", "confidence"];

fn schema() -> String {
    let mut msg = String::from("message marsad_event {\n");
    for c in CSV_COLUMNS {
        if INT_COLUMNS.contains(&c) {
            msg.push_str(&format!("  OPTIONAL INT64 {c};\n"));
        } else if FLOAT_COLUMNS.contains(&c) {
            msg.push_str(&format!("  OPTIONAL DOUBLE {c};\n"));
        } else {
            msg.push_str(&format!("  OPTIONAL BYTE_ARRAY {c} (UTF8);\n"));
        }
    }
    msg.push('}');
    msg
}

/// Writes `events` to `w` as one row group.
pub fn write_parquet<W: std::io::Write + Send>(
    w: W,
    events: &[StoredEvent],
) -> Result<(), parquet::errors::ParquetError> {
    let schema = Arc::new(parse_message_type(&schema())?);
    let props = Arc::new(WriterProperties::builder().build());
    let rows: Vec<Vec<String>> = events.iter().map(csv_row).collect();
    let mut writer = SerializedFileWriter::new(w, schema, props)?;
    let mut group = writer.next_row_group()?;
    let mut i = 0;
    while let Some(mut col) = group.next_column()? {
        let name = CSV_COLUMNS[i];
        let cells: Vec<&str> = rows.iter().map(|r| r[i].as_str()).collect();
        // Definition level 1 = value present, 0 = null (an empty cell).
        if INT_COLUMNS.contains(&name) {
            let vals: Vec<Option<i64>> = cells.iter().map(|c| c.parse().ok()).collect();
            let (values, defs) = split(&vals);
            col.typed::<Int64Type>()
                .write_batch(&values, Some(&defs), None)?;
        } else if FLOAT_COLUMNS.contains(&name) {
            let vals: Vec<Option<f64>> = cells.iter().map(|c| c.parse().ok()).collect();
            let (values, defs) = split(&vals);
            col.typed::<DoubleType>()
                .write_batch(&values, Some(&defs), None)?;
        } else {
            let vals: Vec<Option<ByteArray>> = cells
                .iter()
                .map(|c| (!c.is_empty()).then(|| ByteArray::from(c.as_bytes().to_vec())))
                .collect();
            let (values, defs) = split(&vals);
            col.typed::<ByteArrayType>()
                .write_batch(&values, Some(&defs), None)?;
        }
        col.close()?;
        i += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(())
}

fn split<T: Clone>(vals: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
    let values = vals.iter().flatten().cloned().collect();
    let defs = vals.iter().map(|v| i16::from(v.is_some())).collect();
    (values, defs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn round_trips_row_count_and_columns() {
        let ev: marsad_events::Event = serde_json::from_value(serde_json::json!({
            "code": "041", "root": "04", "quad_class": 1, "goldstein": 1.0,
            "plover": {"type": "CONSULT", "mode": "phone"},
            "actor1": {"name": "بوتين", "code": "RUSGOV", "country": "RUS"},
            "actor2": {"name": "ماكرون", "code": "FRAGOV", "country": "FRA"},
            "date": "2020-10-21", "place": null,
            "evidence": {"paragraph": 3, "sentence": "أجرى الرئيس الروسي محادثة هاتفية", "start": 0, "end": 8, "trigger": "أجرى"},
            "confidence": 0.9
        }))
        .unwrap();
        let stored = StoredEvent {
            event_id: 7,
            article_id: "a".into(),
            url: None,
            source: None,
            published: None,
            group_id: None,
            event: ev,
        };
        let file = tempfile::tempfile().unwrap();
        write_parquet(file.try_clone().unwrap(), &[stored.clone(), stored]).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows(), 2);
        assert_eq!(
            meta.file_metadata().schema_descr().num_columns(),
            CSV_COLUMNS.len()
        );
    }
}
