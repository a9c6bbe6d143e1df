#pragma once

namespace flags {
inline constexpr char kPricing[] = "pricing-v2";
}  // namespace flags
