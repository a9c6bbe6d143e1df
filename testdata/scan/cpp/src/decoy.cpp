// Decoy: another vendor's C++ client with the same method names.
#include <otherflags/client.h>

bool Decoy(otherflags::Client& client, otherflags::User& user) {
  return client.BoolVariation(user, "not-launchdarkly", false) && client.GetBooleanValue("not-openfeature", true);
}
