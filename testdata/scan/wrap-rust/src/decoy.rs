use crate::flags::FeatureFlags;
use crate::handler::Preferences;

/// A receiver named like the wrapper's type but declared as another type
/// (`&Preferences`): its is_on is not the wrapper.
pub fn settings(flags: &Preferences) -> bool {
    flags.is_on("autoplay", false)
}
