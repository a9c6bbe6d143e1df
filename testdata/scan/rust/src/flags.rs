//! Flag keys used across the service.
pub const PRICING: &str = "pricing-v2";

pub mod limits {
    pub const RATE: &str = "rate-limits";
}
