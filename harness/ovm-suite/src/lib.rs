#![doc = include_str!("../README.md")]

/// One embedded vector file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BundledVector {
    /// Its path below `vectors/`, `/`-separated (`atomic/equal-text-and-hex.json`).
    pub path: &'static str,
    /// The file's text.
    pub json: &'static str,
}

impl BundledVector {
    /// The path as the harness's reports show it: `vectors/<path>`.
    pub fn shown_path(&self) -> String {
        format!("vectors/{}", self.path)
    }
}

static BUNDLED: &[BundledVector] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// Every embedded vector file, sorted by path.
pub fn vectors() -> &'static [BundledVector] {
    BUNDLED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_and_without_the_schema() {
        let paths: Vec<_> = vectors().iter().map(|v| v.path).collect();
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert!(paths.iter().all(|p| p.ends_with(".json")));
        assert!(!paths.iter().any(|p| p.ends_with("schema.json")));
        assert!(paths.iter().any(|p| p.starts_with("game/")));
    }
}
