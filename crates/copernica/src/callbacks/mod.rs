//! Verified Copernica callbacks (webhooks).
