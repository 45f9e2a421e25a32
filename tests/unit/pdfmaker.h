// tests/unit/pdfmaker.h — PDFs made on the spot with cairo, for the tests,
// the demo and the benchmarks (no binary PDF is kept in the repository).
//
// A page is a list of paragraphs, drawn in DejaVu Serif (fonts-dejavu-core)
// and wrapped to the page: as text (a text layer poppler can read) or
// "scanned" (drawn into a 300 dpi gray image that is the page's only
// content, as a scanner makes it). Page numbers are not drawn.
// pdf_writer() writes the raw objects of small hand-made PDFs (no pages,
// encrypted) with a correct cross-reference table.
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace omb::test {

struct PdfPageSpec {
  std::vector<std::string> paragraphs;
  bool scanned = false;
  double width = 420, height = 595;  // points (A5)
  double font_size = 11;
  int columns = 1;                   // text in this many columns, filled one after the other
};

// Lines of `text` that fit in `width` points at the context's font.
inline std::vector<std::string> wrap_lines(cairo_t* cr, const std::string& text, double width) {
  std::vector<std::string> lines;
  std::string line, word;
  auto flush_word = [&] {
    if (word.empty()) return;
    std::string cand = line.empty() ? word : line + " " + word;
    cairo_text_extents_t ext;
    cairo_text_extents(cr, cand.c_str(), &ext);
    if (ext.x_advance > width && !line.empty()) {
      lines.push_back(line);
      line = word;
    } else {
      line = cand;
    }
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\n') flush_word();
    else word += c;
  }
  flush_word();
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// Draws the page's paragraphs in points (the caller scales for images).
inline void draw_page(cairo_t* cr, const PdfPageSpec& p) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, p.font_size);
  const double margin = 40, gap = 20;
  const double col_w = (p.width - 2 * margin - gap * (p.columns - 1)) / p.columns;
  const double lead = p.font_size * 1.4;
  int col = 0;
  double y = margin + p.font_size;
  for (const std::string& para : p.paragraphs) {
    for (const std::string& l : wrap_lines(cr, para, col_w)) {
      if (y > p.height - margin) {
        if (col + 1 >= p.columns) return;  // the page is full
        ++col;
        y = margin + p.font_size;
      }
      cairo_move_to(cr, margin + col * (col_w + gap), y);
      cairo_show_text(cr, l.c_str());
      y += lead;
    }
    y += lead * 0.6;
  }
}

// Writes `pages` to `path`; title and creation date ("2019-03-04T10:00:00")
// into the PDF's metadata when given. Returns false when cairo fails.
inline bool make_pdf(const std::string& path, const std::vector<PdfPageSpec>& pages, const std::string& title = {},
                     const std::string& created = {}) {
  if (pages.empty()) return false;
  std::error_code ec;
  if (auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) std::filesystem::create_directories(dir, ec);
  cairo_surface_t* pdf = cairo_pdf_surface_create(path.c_str(), pages[0].width, pages[0].height);
  if (!title.empty()) cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title.c_str());
  if (!created.empty()) cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_t* cr = cairo_create(pdf);
  for (const PdfPageSpec& p : pages) {
    cairo_pdf_surface_set_size(pdf, p.width, p.height);
    if (!p.scanned) {
      draw_page(cr, p);
    } else {
      const double scale = 300.0 / 72.0;
      int w = static_cast<int>(p.width * scale), h = static_cast<int>(p.height * scale);
      cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
      cairo_t* ic = cairo_create(img);
      cairo_set_source_rgb(ic, 1, 1, 1);
      cairo_paint(ic);
      cairo_scale(ic, scale, scale);
      draw_page(ic, p);
      cairo_destroy(ic);
      cairo_save(cr);
      cairo_scale(cr, 1 / scale, 1 / scale);
      cairo_set_source_surface(cr, img, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
      cairo_surface_destroy(img);
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  bool ok = cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(pdf);
  return ok;
}

// A PDF of the given objects (object i+1 is objects[i], without "obj" and
// "endobj"), with a correct xref table and the given trailer entries.
inline std::string pdf_writer(const std::vector<std::string>& objects, const std::string& trailer_extra) {
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " + trailer_extra + " >>\n";
  out += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace omb::test
