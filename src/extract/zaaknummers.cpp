#include "extract/zaaknummers.h"

namespace omb::interp {

bool is_plain_type(std::string_view type) {
  for (std::string_view own : {"doctype", "organisation", "date", "period", "afdeling", "theme", "oordeel"})
    if (type == own) return false;
  return true;
}

void run_zaaknummers(Context& ctx) {
  for (const auto& f : ctx.files) {
    const std::string& type = f->type();
    if (!is_plain_type(type)) continue;
    for (const Hit& h : ctx.hits_of(type)) ctx.add(type, h.value, h.start, h.end, ctx.rule_of(type, h).id);
  }
  for (const auto& w : ctx.word_files) {
    const std::string& type = w->type();
    if (!is_plain_type(type)) continue;
    for (const Hit& h : ctx.hits_of(type)) ctx.add(type, h.value, h.start, h.end, ctx.rule_id(type, h));
  }
}

}  // namespace omb::interp
