//! Resident-set peaks from the kernel (Linux `/proc/self`).

/// The process's peak resident set (`VmHWM`) in KiB, if readable.
pub fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets `VmHWM` to the current resident set (writing `5` to
/// `/proc/self/clear_refs`), so that the next reading is the peak of one
/// stage. Returns false where the kernel does not allow it; readings are then
/// cumulative peaks.
pub fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}
