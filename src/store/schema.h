// store/schema.h — internal: the schema migrations, in order.
// migrations()[i] takes a database from user_version i to i+1.
#pragma once

#include <string_view>
#include <vector>

namespace omb::schema {

inline constexpr int kApplicationId = 0x4F4D4231;  // "OMB1"

const std::vector<std::string_view>& migrations();

}  // namespace omb::schema
