/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-pdf.c: the cargo manifest as PDF (A4 landscape), drawn by cs-print-layout
 *
 * The surface writes through stdio so that every write error is caught with its errno;
 * cs_export_to_file() gives us a temporary path and renames it into place on success.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#include "cs-export.h"
#include "cs-print-layout.h"

typedef struct
{
  FILE *fp;
  int   error;   /* first errno seen, 0 = none */
} PdfSink;

static cairo_status_t
pdf_sink_write (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (length > 0 && fwrite (data, 1, length, sink->fp) != length)
    {
      sink->error = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t       *surface,
              CsManifest            *m,
              const CsExportOptions *o)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;

  if (o != NULL && o->now != NULL)
    now = g_date_time_ref (o->now);
  else
    now = g_date_time_new_now_local ();
  date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  title = g_strdup_printf ("Cargo Manifest 货物舱单 %s", m->reference != NULL ? m->reference : "");
  g_strchomp (title);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Consign");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  if (m->reference != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, m->reference);
}

gboolean
cs_export_pdf_write (CsManifest            *m,
                     const CsExportOptions *o,
                     const char            *path,
                     GError               **error)
{
  g_autoptr(CsPrintLayout) layout = NULL;
  g_autofree char *display = NULL;
  PdfSink sink = { NULL, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;
  guint n_missing;
  gunichar first_missing;
  int close_rc;

  g_return_val_if_fail (CS_IS_MANIFEST (m), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  sink.fp = g_fopen (path, "wb");
  if (sink.fp == NULL)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), display, g_strerror (saved));
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (pdf_sink_write, &sink,
                                                 CS_PRINT_A4_LANDSCAPE_WIDTH,
                                                 CS_PRINT_A4_LANDSCAPE_HEIGHT);
  set_metadata (surface, m, o);

  layout = cs_print_layout_new (m, o, CS_PRINT_A4_LANDSCAPE_WIDTH, CS_PRINT_A4_LANDSCAPE_HEIGHT);
  n_pages = cs_print_layout_paginate (layout, NULL);

  cr = cairo_create (surface);
  for (guint p = 0; p < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; p++)
    {
      cs_print_layout_draw_page (layout, cr, p);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);

  /* Text that prints as boxes is a warning, not a failure: the file is complete, and which
   * fonts are installed is the machine's business (build-aux/deps.txt lists ours). */
  n_missing = cs_print_layout_get_missing_glyphs (layout, &first_missing);
  if (n_missing > 0)
    g_message (g_dngettext (GETTEXT_PACKAGE,
                            "The PDF shows %u character as a box: no installed font has it (U+%04X)",
                            "The PDF shows %u characters as boxes: no installed font has them (the first is U+%04X)",
                            n_missing),
               n_missing, (guint) first_missing);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  close_rc = fclose (sink.fp);
  if (close_rc != 0 && sink.error == 0)
    sink.error = errno != 0 ? errno : EIO;

  /* The caller (cs_export_to_file) removes the temporary file after a failure. */
  if (status != CAIRO_STATUS_SUCCESS || sink.error != 0)
    {
      if (sink.error != 0)
        g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                     _("Cannot write %s: %s"), display, g_strerror (sink.error));
      else
        g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                     _("Cannot write %s: %s"), display, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
