/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-format.c: numbers and counts as the desktop app shows them */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <math.h>

#include "cs-format.h"
#include "cs-model.h"
#include "cs-print-layout.h"

char *
cs_format_decimal (double value,
                   guint  decimals)
{
  return cs_print_format_decimal (value, decimals, decimals);
}

char *
cs_format_quantity (double value)
{
  return cs_print_format_decimal (value, 0, 3);
}

guint
cs_format_money_decimals (CsCatalog  *catalog,
                          const char *currency)
{
  const CsCurrency *c;

  if (catalog == NULL || currency == NULL)
    return 2;
  c = cs_catalog_get_currency (catalog, currency);
  return c != NULL && c->minor_units >= 0 ? (guint) c->minor_units : 2;
}

char *
cs_format_finding_counts (guint n_errors,
                          guint n_warnings,
                          int   n_notes)
{
  g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings),
                                               n_warnings);
  g_autofree char *notes = NULL;

  if (n_notes < 0)
    /* Translators: counts of findings, e.g. "2 errors, 1 warning" */
    return g_strdup_printf (_("%s, %s"), errors, warnings);
  notes = g_strdup_printf (ngettext ("%u note", "%u notes", n_notes), n_notes);
  /* Translators: counts of findings, e.g. "0 errors, 1 warning, 3 notes" */
  return g_strdup_printf (_("%s, %s, %s"), errors, warnings, notes);
}

char *
cs_format_days (double days)
{
  gulong n = cs_num_is_set (days) && days > 0 ? (gulong) MIN (ceil (days), G_MAXUINT) : 0;

  return g_strdup_printf (ngettext ("%lu day", "%lu days", n), n);
}

char *
cs_format_file_location (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = NULL;

  if (parent == NULL)
    return g_file_get_parse_name (file);
  if (g_file_equal (parent, home))
    folder = g_strdup ("~");
  else if (g_file_has_prefix (parent, home))
    {
      g_autofree char *rel = g_file_get_relative_path (home, parent);

      folder = g_build_filename ("~", rel, NULL);
    }
  else
    folder = g_file_get_parse_name (parent);
  /* Translators: a file's name, then the folder it is in ("lines.csv — ~/Downloads") */
  return g_strdup_printf (_("%s — %s"), name, folder);
}

const char *
cs_format_status (const char *status)
{
  if (g_strcmp0 (status, "ready") == 0)
    return _("Ready");
  if (g_strcmp0 (status, "exported") == 0)
    return _("Exported");
  if (g_strcmp0 (status, "archived") == 0)
    return _("Archived");
  return _("Draft");
}

void
cs_format_status_pill (GtkLabel   *label,
                       const char *status)
{
  gtk_label_set_text (label, cs_format_status (status));
  for (guint i = 0; cs_manifest_statuses[i] != NULL; i++)
    {
      g_autofree char *css = g_strconcat ("cs-status-", cs_manifest_statuses[i], NULL);

      if (g_strcmp0 (status, cs_manifest_statuses[i]) == 0)
        gtk_widget_add_css_class (GTK_WIDGET (label), css);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), css);
    }
}

const char *
cs_format_export_title (const char *format)
{
  if (g_strcmp0 (format, "json") == 0)
    return _("JSON manifest");
  if (g_strcmp0 (format, "xlsx") == 0)
    return _("Excel workbook");
  if (g_strcmp0 (format, "csv") == 0)
    return _("CSV table");
  if (g_strcmp0 (format, "xml") == 0)
    return _("Customs XML");
  if (g_strcmp0 (format, "edifact") == 0)
    return _("EDIFACT cargo manifest (CUSCAR)");
  if (g_strcmp0 (format, "pdf") == 0)
    return _("PDF declaration");
  return format;
}
