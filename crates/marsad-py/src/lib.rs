//! marsad from Python: the native module `marsad._native` behind the `marsad` package.
//!
//! What it is for: thin bindings. Every function calls the library crates (readers, analysis,
//! store, near-duplicates) and hands JSON text or plain values to the Python side
//! (`python/marsad`), which shapes them into dicts, DataFrames and the Spark job's columns.
//! What it is not: no analysis, no SQL and no dedup rule of its own. Errors are
//! `marsad.MarsadError` carrying the CLI's one-line messages.

use pyo3::prelude::*;

mod analyze;
mod spark;
mod store;

pyo3::create_exception!(
    _native,
    MarsadError,
    pyo3::exceptions::PyException,
    "A document or store marsad could not use; the message is the CLI's one line."
);

/// A [`MarsadError`] with `msg` as its message.
pub(crate) fn error(msg: impl std::fmt::Display) -> PyErr {
    MarsadError::new_err(msg.to_string())
}

/// JSON text of a value the crates serialise (their types always serialise).
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(error)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("MarsadError", m.py().get_type::<MarsadError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(analyze::analyze_items, m)?)?;
    m.add_class::<store::Store>()?;
    spark::register(m)?;
    Ok(())
}
