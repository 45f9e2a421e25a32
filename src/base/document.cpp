#include "base/document.h"

namespace omb {
const char* passage_kind_name(PassageKind k) {
  switch (k) {
    case PassageKind::paragraph: return "paragraph";
    case PassageKind::heading: return "heading";
    case PassageKind::list_item: return "list_item";
    case PassageKind::table_row: return "table_row";
    case PassageKind::noise: return "noise";
  }
  return "paragraph";
}
}  // namespace omb
