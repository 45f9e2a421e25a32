#include "output/provenance.h"

#include <cstdio>

namespace omb {

std::string page_label(int page, std::string_view method, double confidence) {
  std::string s = "p. " + std::to_string(page);
  if (method == "ocr") {
    char buf[48];
    std::snprintf(buf, sizeof buf, " (OCR, confidence %.2f)", confidence < 0 ? 0.0 : confidence);
    s += buf;
  } else if (method == "ocr-failed") {
    s += " (OCR failed)";
  }
  return s;
}

}  // namespace omb
