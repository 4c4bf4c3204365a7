//! Errors as JSON: `{"error": "...", "status": N}` with the matching HTTP status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use marsad_store::StoreError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(message: impl std::fmt::Display) -> ApiError {
        eprintln!("marsad: serve: internal error: {message}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("internal error: {message}"),
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Query(q) => ApiError::bad_request(format!("query: {q}")),
            StoreError::Busy(m) => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, m),
            e => ApiError::internal(e),
        }
    }
}

impl From<marsad_pipeline::IngestError> for ApiError {
    fn from(e: marsad_pipeline::IngestError) -> ApiError {
        match e {
            marsad_pipeline::IngestError::Busy(m) => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, m)
            }
            e => ApiError::internal(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message, "status": self.status.as_u16() });
        (self.status, Json(body)).into_response()
    }
}
