/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-import-dialog.c: the import dialog (file, kind, sheet, encoding, column mapping, preview,
 * per-row report), with its reading and dry runs on a worker thread */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-format.h"
#include "cs-import-dialog.h"
#include "cs-xlsx-read.h"

#define PREVIEW_ROWS 10

/* A table read once and shared by the runs that map it (only one run at a time reads it). */
typedef struct
{
  CsTable *table;
} TableBox;

static void
table_box_clear (gpointer data)
{
  cs_table_free (((TableBox *) data)->table);
}

static void
table_box_unref (TableBox *box)
{
  g_atomic_rc_box_release_full (box, table_box_clear);
}

/* What a worker gets and gives back: plain data, no widget. */
typedef struct
{
  guint             serial;
  GFile            *file;
  char             *name;          /* the file's base name, in every message */
  GBytes           *bytes;         /* in: the file already loaded, or NULL; out: loaded */
  CsImportEncoding  encoding;
  char             *sheet;         /* NULL: the first visible sheet */
  CsTableKind       kind;
  gboolean          want_sheets;
  TableBox         *table;         /* in: the table read before, or NULL; out: the one read */
  gboolean          have_mapping;
  CsImportMapping   mapping;       /* in when have_mapping; out: the one used */
  CsImportDraftVins *draft_vins;   /* in: the VINs of the draft imported into, or NULL */

  CsTableFormat     format;
  GStrv             sheets;
  char             *first_sheet;
  GPtrArray        *previews;      /* of CsImportPreview: the CSV file is not UTF-8 */
  gboolean          opened;        /* the table was read by this run */
  GStrv             headers;
  GPtrArray        *items;
  GStrv             vins;
  GPtrArray        *problems;      /* of CsImportProblem */
  GError           *error;         /* the whole file */
  GPtrArray        *raw_rows;      /* of GStrv: the first rows as read (the header row first) */
  GArray           *raw_lines;     /* of guint: the row (line) of each */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->file);
  g_free (job->name);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->sheet);
  g_clear_pointer (&job->table, table_box_unref);
  g_strfreev (job->sheets);
  g_free (job->first_sheet);
  g_clear_pointer (&job->previews, g_ptr_array_unref);
  g_strfreev (job->headers);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_strfreev (job->vins);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_error (&job->error);
  cs_import_draft_vins_unref (job->draft_vins);
  g_clear_pointer (&job->raw_rows, g_ptr_array_unref);
  g_clear_pointer (&job->raw_lines, g_array_unref);
  g_free (job);
}

struct _CsImportDialog
{
  AdwWindow             parent_instance;

  GtkButton            *import_button;
  GtkButton            *choose_button;
  AdwActionRow         *file_row;
  AdwComboRow          *kind_row;
  AdwComboRow          *sheet_row;
  AdwComboRow          *encoding_row;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  AdwPreferencesGroup  *report_group;
  GtkListView          *report_view;
  AdwPreferencesGroup  *preview_group;
  GtkGrid              *preview_grid;
  AdwPreferencesGroup  *mapping_group;

  GtkStringList        *report_model;
  GtkStringList        *field_model;     /* "Ignore", then every CsImportField's label */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gboolean              running;
  guint                 serial;          /* of the state; a run of an older one is discarded */
  guint                 updating;        /* > 0 while rows are set from code */

  char                 *vehicle_line;
  CsTableKind           kind;
  GFile                *file;
  GBytes               *bytes;
  TableBox             *table;
  CsTableFormat         format;
  GStrv                 sheets;
  char                 *sheet;
  GPtrArray            *previews;        /* NULL while the file reads as UTF-8 */
  CsImportEncoding      encoding;
  GStrv                 headers;
  gboolean              have_mapping;
  CsImportMapping       mapping;
  CsImportDraftVins    *draft_vins;      /* NULL: no draft given */
  GPtrArray            *mapping_rows;    /* AdwComboRow per column */

  /* the last dry run */
  GPtrArray            *items;
  GStrv                 vins;
  guint                 n_problems;
  char                 *error;
  GPtrArray            *raw_rows;        /* of GStrv: the first rows as read, shown when rows are bad */
  GArray               *raw_lines;
};

G_DEFINE_FINAL_TYPE (CsImportDialog, cs_import_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORT, N_SIGNALS };
static guint signals[N_SIGNALS];

static void run_again (CsImportDialog *self);

/* ---- the worker --------------------------------------------------------------------------------- */

static void
job_worker (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  CsTable *table;

  if (job->bytes == NULL)
    {
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_load_contents (job->file, cancellable, &contents, &len, NULL, &job->error))
        goto done;
      job->bytes = g_bytes_new_take (contents, len);
    }
  job->format = cs_table_format_for_bytes (job->name, job->bytes);
  if (job->table == NULL)
    {
      g_autoptr(CsXlsxBook) book = NULL;

      /* A workbook is opened once: its sheet list, then the sheet shown */
      if (job->format == CS_TABLE_FORMAT_XLSX && job->want_sheets)
        {
          book = cs_xlsx_book_open_bytes (job->bytes, job->name, &job->error);
          if (book == NULL)
            goto done;
          job->sheets = g_strdupv ((char **) cs_xlsx_book_sheet_names (book));
          job->first_sheet = g_strdup (cs_xlsx_book_first_sheet (book));
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
        goto done;
      table = book != NULL
              ? cs_table_open_book (book, job->name, job->sheet, &job->error)
              : cs_table_open_bytes (job->bytes, job->name, job->format, job->encoding, job->sheet,
                                     &job->error);
      if (table == NULL)
        {
          gsize len = 0;
          const char *contents = g_bytes_get_data (job->bytes, &len);

          if (job->format == CS_TABLE_FORMAT_CSV && job->encoding == CS_IMPORT_ENCODING_UTF8 &&
              g_error_matches (job->error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING))
            job->previews = cs_import_csv_previews (contents, len);
          goto done;
        }
      if (job->draft_vins != NULL)
        cs_table_take_draft_vins (table, cs_import_draft_vins_ref (job->draft_vins));
      job->table = g_atomic_rc_box_new0 (TableBox);
      job->table->table = table;
      job->opened = TRUE;
      job->headers = cs_table_dup_headers (table);
    }
  if (!job->have_mapping)
    cs_table_mapping (job->table->table, NULL, &job->mapping, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    goto done;
  if (job->kind == CS_TABLE_KIND_VINS)
    job->vins = cs_table_import_vins (job->table->table, &job->mapping, &job->problems, &job->error);
  else
    job->items = cs_table_import_items (job->table->table, &job->mapping, &job->problems,
                                        &job->error);
  if (job->problems != NULL)
    {
      /* the rows as they are in the file, for a preview of what is wrong */
      CsTable *t = job->table->table;
      guint n = MIN (cs_table_get_n_rows (t), PREVIEW_ROWS + 1);

      job->raw_rows = g_ptr_array_new_full (n, (GDestroyNotify) g_strfreev);
      job->raw_lines = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
      for (guint i = 0; i < n; i++)
        {
          guint line = 0;

          g_ptr_array_add (job->raw_rows, cs_table_dup_row (t, i, &line));
          g_array_append_val (job->raw_lines, line);
        }
    }
done:
  g_task_return_boolean (task, TRUE);
}

/* ---- showing a run's result ---------------------------------------------------------------------- */

static char *
join_strv (const char * const *v)
{
  return v != NULL ? g_strjoinv (", ", (char **) v) : NULL;
}

/* What a field of a new item reads as in the preview. */
static char *
item_field_text (CsItem        *item,
                 CsImportField  field)
{
  switch (field)
    {
    case CS_IMPORT_FIELD_LINE:
      return cs_num_is_set (item->line) ? g_strdup_printf ("%.0f", item->line) : NULL;
    case CS_IMPORT_FIELD_CATEGORY:
      return g_strdup (item->category);
    case CS_IMPORT_FIELD_DESCRIPTION:
      return g_strdup (item->description);
    case CS_IMPORT_FIELD_HS_CODE:
      return g_strdup (item->hs_code);
    case CS_IMPORT_FIELD_QUANTITY:
      return cs_format_quantity (item->quantity);
    case CS_IMPORT_FIELD_UNIT:
      return g_strdup (item->unit);
    case CS_IMPORT_FIELD_PACKAGES:
      return item->packages ? cs_format_quantity (item->packages->count) : NULL;
    case CS_IMPORT_FIELD_PACKAGE_TYPE:
      return item->packages ? g_strdup (item->packages->type) : NULL;
    case CS_IMPORT_FIELD_NET_KG:
      return cs_format_quantity (item->net_kg);
    case CS_IMPORT_FIELD_GROSS_KG:
      return cs_format_quantity (item->gross_kg);
    case CS_IMPORT_FIELD_VOLUME_M3:
      return cs_format_quantity (item->volume_m3);
    case CS_IMPORT_FIELD_VALUE:
      return cs_format_quantity (item->value);
    case CS_IMPORT_FIELD_ORIGIN:
      return g_strdup (item->origin_country);
    case CS_IMPORT_FIELD_CONTAINER:
      if (item->container != NULL || cs_list_length (item->splits) == 0)
        return g_strdup (item->container);
      {
        GString *s = g_string_new (NULL);

        for (guint i = 0; i < cs_list_length (item->splits); i++)
          g_string_append_printf (s, "%s%s", i ? ", " : "",
                                  ((CsSplit *) cs_list_index (item->splits, i))->container);
        return g_string_free (s, FALSE);
      }
    case CS_IMPORT_FIELD_MARKS:
      return g_strdup (item->marks);
    case CS_IMPORT_FIELD_UN_NUMBER:
      return item->dg ? g_strdup (item->dg->un_number) : NULL;
    case CS_IMPORT_FIELD_DG_CLASS:
      return item->dg ? g_strdup (item->dg->dg_class) : NULL;
    case CS_IMPORT_FIELD_VIN:
      return item->vehicle ? join_strv ((const char * const *) item->vehicle->vins) : NULL;
    case CS_IMPORT_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
grid_cell (CsImportDialog *self,
           int             column,
           int             row,
           const char     *text)
{
  GtkWidget *label = gtk_label_new (text != NULL ? text : "");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* wide enough to read (the preview scrolls sideways), long texts cut */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (text != NULL ? text : "", -1), 16));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (row == 0)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->preview_grid, label, column, row, 1, 1);
}

static void
show_preview (CsImportDialog *self)
{
  guint n_rows = 0;

  clear_grid (self->preview_grid);
  if (self->vins != NULL)
    {
      grid_cell (self, 0, 0, cs_import_field_label (CS_IMPORT_FIELD_VIN));
      for (; self->vins[n_rows] != NULL && n_rows < PREVIEW_ROWS; n_rows++)
        grid_cell (self, 0, n_rows + 1, self->vins[n_rows]);
    }
  else if (self->items != NULL)
    {
      int column = 0;

      n_rows = MIN (self->items->len, PREVIEW_ROWS);
      for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
        {
          if (self->mapping.column[f] < 0)
            continue;
          grid_cell (self, column, 0, cs_import_field_label (f));
          for (guint r = 0; r < n_rows; r++)
            {
              g_autofree char *text = item_field_text (self->items->pdata[r], f);

              grid_cell (self, column, r + 1, text);
            }
          column++;
        }
    }
  else if (self->raw_rows != NULL && self->raw_rows->len > 0)
    {
      /* bad rows: the cells as they are in the file, each row with its number as the report
       * gives it */
      guint first = self->mapping.has_header ? 1 : 0;
      guint width = 0;

      for (guint r = 0; r < self->raw_rows->len; r++)
        width = MAX (width, g_strv_length (self->raw_rows->pdata[r]));
      /* Translators: the heading of the preview's column of row numbers of the imported file */
      grid_cell (self, 0, 0, C_("import preview", "Row"));
      for (guint c = 0; c < width; c++)
        {
          const char * const *head = first ? self->raw_rows->pdata[0] : NULL;
          g_autofree char *letter = cs_xlsx_column_name (c);

          grid_cell (self, c + 1, 0, head != NULL && c < g_strv_length ((GStrv) head) && *head[c]
                                     ? head[c] : letter);
        }
      for (guint r = first; r < self->raw_rows->len && n_rows < PREVIEW_ROWS; r++, n_rows++)
        {
          const char * const *cells = self->raw_rows->pdata[r];
          g_autofree char *line = g_strdup_printf ("%u", g_array_index (self->raw_lines, guint, r));

          grid_cell (self, 0, n_rows + 1, line);
          for (guint c = 0; cells[c] != NULL; c++)
            grid_cell (self, c + 1, n_rows + 1, cells[c]);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), n_rows > 0);
}

static char *
problem_line (const CsImportProblem *p)
{
  if (p->column != NULL)
    /* Translators: a bad row of an imported file: row number, column heading, what is wrong */
    return g_strdup_printf (_("row %u, column %s: %s"), p->line, p->column, p->message);
  /* Translators: a bad row of an imported file: row number, what is wrong */
  return g_strdup_printf (_("row %u: %s"), p->line, p->message);
}

static void
update_status (CsImportDialog *self)
{
  gboolean busy = cs_import_dialog_is_busy (self);
  guint n_good = cs_import_dialog_get_n_good (self);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    text = g_strdup (_("Reading the file…"));
  else if (self->file == NULL)
    text = g_strdup (_("Choose the file to import."));
  else if (self->error != NULL && self->n_problems == 0)
    text = g_strdup (self->error);
  else if (self->n_problems > 0)
    text = g_strdup_printf (ngettext ("%u problem: nothing will be imported until it is fixed.",
                                      "%u problems: nothing will be imported until they are fixed.",
                                      self->n_problems), self->n_problems);
  else if (self->kind == CS_TABLE_KIND_VINS)
    text = g_strdup_printf (ngettext ("%u VIN is good and will be added to %s.",
                                      "%u VINs are good and will be added to %s.", n_good),
                            n_good, self->vehicle_line);
  else
    text = g_strdup_printf (ngettext ("%u line is good and will be added to the draft.",
                                      "%u lines are good and will be added to the draft.", n_good),
                            n_good);
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !busy && n_good > 0);
}

static void
clear_result (CsImportDialog *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->vins, g_strfreev);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->raw_rows, g_ptr_array_unref);
  g_clear_pointer (&self->raw_lines, g_array_unref);
  self->n_problems = 0;
  gtk_string_list_splice (self->report_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->report_model)), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), FALSE);
}

static void
show_result (CsImportDialog *self,
             Job            *job)
{
  guint n = job->problems ? job->problems->len : 0;

  clear_result (self);
  self->items = g_steal_pointer (&job->items);
  self->vins = g_steal_pointer (&job->vins);
  self->raw_rows = g_steal_pointer (&job->raw_rows);
  self->raw_lines = g_steal_pointer (&job->raw_lines);
  self->error = job->error ? g_strdup (job->error->message) : NULL;
  self->n_problems = n;
  if (n > 0)
    {
      g_auto(GStrv) lines = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        lines[i] = problem_line (job->problems->pdata[i]);
      gtk_string_list_splice (self->report_model, 0, 0, (const char * const *) lines);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), n > 0);
  show_preview (self);
}

/* ---- the column mapping ---------------------------------------------------------------------------- */

static int
field_of_column (CsImportDialog *self,
                 guint           column)
{
  for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
    if (self->mapping.column[f] == (int) column)
      return f;
  return -1;
}

static void
sync_mapping_rows (CsImportDialog *self)
{
  self->updating++;
  for (guint c = 0; c < self->mapping_rows->len; c++)
    adw_combo_row_set_selected (self->mapping_rows->pdata[c], field_of_column (self, c) + 1);
  self->updating--;
}

static void
mapping_row_selected_cb (AdwComboRow    *row,
                         GParamSpec     *pspec,
                         CsImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "cs-column"));

  if (self->updating == 0)
    cs_import_dialog_set_column_field (self, column, (int) adw_combo_row_get_selected (row) - 1);
}

static void
clear_mapping_rows (CsImportDialog *self)
{
  for (guint c = 0; c < self->mapping_rows->len; c++)
    adw_preferences_group_remove (self->mapping_group, self->mapping_rows->pdata[c]);
  g_ptr_array_set_size (self->mapping_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
}

static void
build_mapping_rows (CsImportDialog *self)
{
  clear_mapping_rows (self);
  for (guint c = 0; self->headers != NULL && self->headers[c] != NULL; c++)
    {
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *letter = cs_xlsx_column_name (c);
      g_autofree char *title = NULL;
      g_autofree char *heading = g_strstrip (g_strdup (self->headers[c]));

      if (self->mapping.has_header && *heading != '\0')
        title = g_strdup (heading);
      else
        /* Translators: %s is a column letter (A, B, …) of a file without headings */
        title = g_strdup_printf (_("Column %s"), letter);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* Translators: the letter of a spreadsheet column, shown under its heading */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), letter);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->field_model));
      g_object_set_data (G_OBJECT (row), "cs-column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (mapping_row_selected_cb), self, 0);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
    }
  sync_mapping_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), self->mapping_rows->len > 0);
}

/* ---- runs ----------------------------------------------------------------------------------------- */

static void
fill_sheet_row (CsImportDialog *self,
                const char     *first)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) self->sheets);
  guint selected = 0;

  for (guint i = 0; self->sheets[i] != NULL; i++)
    if (g_strcmp0 (self->sheets[i], first) == 0)
      selected = i;
  self->updating++;
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->sheet_row, selected);
  self->updating--;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), TRUE);
}

static void
update_encoding_subtitle (CsImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->encoding_row);
  CsImportPreview *p;
  g_autofree char *text = NULL;

  if (self->previews == NULL || i >= self->previews->len)
    return;
  p = self->previews->pdata[i];
  /* Translators: %u is a line number, %s how that line of the file reads in the encoding chosen */
  text = g_strdup_printf (_("The file is not UTF-8. Line %u reads: %s"), p->line,
                          p->text != NULL ? p->text : _("(not valid in this encoding)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), text);
}

/* The file is not UTF-8: offer the encodings, each with how the file reads in it, and read it in
 * GB18030 (Chinese Excel's) when that is valid, else in the first that is. */
static void
fill_encoding_row (CsImportDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = G_MAXUINT;

  for (guint i = 0; i < self->previews->len; i++)
    {
      CsImportPreview *p = self->previews->pdata[i];

      gtk_string_list_append (model, cs_import_encoding_label (p->encoding));
      if (p->text != NULL && (selected == G_MAXUINT || p->encoding == CS_IMPORT_ENCODING_GB18030))
        selected = i;
    }
  if (selected == G_MAXUINT)
    selected = 0;
  self->updating++;
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->encoding_row, selected);
  self->updating--;
  self->encoding = ((CsImportPreview *) self->previews->pdata[selected])->encoding;
  update_encoding_subtitle (self);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), TRUE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(CsImportDialog) self = g_weak_ref_get (ref);
  Job *job = g_task_get_task_data (G_TASK (result));

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->running = FALSE;

  if (self->bytes == NULL && job->bytes != NULL && job->file == self->file)
    self->bytes = g_bytes_ref (job->bytes);
  if (job->serial != self->serial)
    {
      /* The state changed during the run: its result no longer holds; run again. */
      run_again (self);
      return;
    }

  self->format = job->format;
  if (job->sheets != NULL && self->sheets == NULL)
    {
      self->sheets = g_steal_pointer (&job->sheets);
      fill_sheet_row (self, job->first_sheet);
    }
  if (job->previews != NULL && self->previews == NULL)
    {
      self->previews = g_steal_pointer (&job->previews);
      fill_encoding_row (self);
      self->serial++;
      run_again (self);
      return;
    }
  if (job->opened)
    {
      self->table = g_atomic_rc_box_acquire (job->table);
      g_strfreev (self->headers);
      self->headers = g_steal_pointer (&job->headers);
      self->mapping = job->mapping;
      self->have_mapping = TRUE;
      build_mapping_rows (self);
    }
  if (job->table == NULL)
    {
      /* the file could not be read: no columns to map */
      g_clear_pointer (&self->headers, g_strfreev);
      clear_mapping_rows (self);
    }
  show_result (self, job);
  update_status (self);
}

static void
run_again (CsImportDialog *self)
{
  Job *job;
  GWeakRef *ref;
  g_autoptr(GTask) task = NULL;

  if (self->file == NULL)
    {
      clear_result (self);
      show_preview (self);
      update_status (self);
      return;
    }
  if (self->running)
    {
      update_status (self);
      return;   /* run again when it ends (job_done_cb) */
    }
  job = g_new0 (Job, 1);
  job->serial = self->serial;
  job->file = g_object_ref (self->file);
  job->name = g_file_get_basename (self->file);
  job->bytes = self->bytes ? g_bytes_ref (self->bytes) : NULL;
  job->encoding = self->encoding;
  job->sheet = g_strdup (self->sheet);
  job->kind = self->kind;
  job->want_sheets = self->sheets == NULL;
  job->table = self->table ? g_atomic_rc_box_acquire (self->table) : NULL;
  job->have_mapping = self->have_mapping && self->table != NULL;
  job->mapping = self->mapping;
  job->draft_vins = self->draft_vins ? cs_import_draft_vins_ref (self->draft_vins) : NULL;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  /* No source object: the worker must not hold (or be the last to release) the window. */
  task = g_task_new (NULL, self->cancellable, job_done_cb, ref);
  g_task_set_source_tag (task, run_again);
  g_task_set_task_data (task, job, job_free);
  self->running = TRUE;
  g_task_run_in_thread (task, job_worker);
  update_status (self);
}

/* A change of the state: the last result no longer holds. */
static void
changed (CsImportDialog *self)
{
  self->serial++;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  run_again (self);
}

/* The table must be read again (new file, sheet or encoding): its columns may differ. */
static void
forget_table (CsImportDialog *self)
{
  g_clear_pointer (&self->table, table_box_unref);
  self->have_mapping = FALSE;
}

/* ---- signals and actions ----------------------------------------------------------------------------- */

static void
on_cancel_clicked_cb (CsImportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import_clicked_cb (CsImportDialog *self)
{
  cs_import_dialog_import (self);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CsImportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
  if (file != NULL)
    cs_import_dialog_set_file (self, file);
}

static void
on_choose_clicked_cb (CsImportDialog *self)
{
  cs_import_dialog_choose_file (self);
}

static void
kind_selected_cb (CsImportDialog *self)
{
  if (self->updating == 0)
    cs_import_dialog_set_kind (self, adw_combo_row_get_selected (self->kind_row) == 1
                                     ? CS_TABLE_KIND_VINS : CS_TABLE_KIND_ITEMS);
}

static void
sheet_selected_cb (CsImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->sheet_row);

  if (self->updating == 0 && self->sheets != NULL && i < g_strv_length (self->sheets))
    cs_import_dialog_set_sheet (self, self->sheets[i]);
}

static void
encoding_selected_cb (CsImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->encoding_row);

  if (self->updating == 0 && self->previews != NULL && i < self->previews->len)
    cs_import_dialog_set_encoding (self, ((CsImportPreview *) self->previews->pdata[i])->encoding);
}

static void
report_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_item_set_child (item, label);
}

static void
report_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkStringObject *s = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (s));
}

/* ---- GObject ---------------------------------------------------------------------------------------- */

static void
cs_import_dialog_dispose (GObject *object)
{
  CsImportDialog *self = CS_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (cs_import_dialog_parent_class)->dispose (object);
}

static void
cs_import_dialog_finalize (GObject *object)
{
  CsImportDialog *self = CS_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->report_model);
  g_clear_object (&self->field_model);
  g_free (self->vehicle_line);
  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->table, table_box_unref);
  g_strfreev (self->sheets);
  g_free (self->sheet);
  g_clear_pointer (&self->previews, g_ptr_array_unref);
  g_strfreev (self->headers);
  g_ptr_array_unref (self->mapping_rows);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_strfreev (self->vins);
  g_free (self->error);
  g_clear_pointer (&self->raw_rows, g_ptr_array_unref);
  g_clear_pointer (&self->raw_lines, g_array_unref);
  g_clear_pointer (&self->draft_vins, cs_import_draft_vins_unref);
  G_OBJECT_CLASS (cs_import_dialog_parent_class)->finalize (object);
}

static void
cs_import_dialog_class_init (CsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_import_dialog_dispose;
  object_class->finalize = cs_import_dialog_finalize;

  /**
   * CsImportDialog::import:
   * @kind: a CsTableKind
   * @items: (nullable): a GPtrArray of new CsItem (cargo lines), or NULL for a VIN list
   * @vins: (nullable): the VINs, or NULL for cargo lines
   *
   * Import was pressed after a clean dry run; the window closes after the handlers ran.
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                         G_TYPE_UINT, G_TYPE_POINTER, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, report_group);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, report_view);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, CsImportDialog, mapping_group);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_import_dialog_init (CsImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->mapping_rows = g_ptr_array_new ();
  self->kind = CS_TABLE_KIND_ITEMS;
  self->encoding = CS_IMPORT_ENCODING_UTF8;
  cs_import_mapping_init (&self->mapping);

  /* Translators: a column of the file that is not imported */
  self->field_model = gtk_string_list_new ((const char *[]) { C_("column", "Ignore"), NULL });
  for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (self->field_model, cs_import_field_label (f));

  self->report_model = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->report_model)));
  g_signal_connect (factory, "setup", G_CALLBACK (report_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (report_bind_cb), NULL);
  gtk_list_view_set_factory (self->report_view, factory);
  gtk_list_view_set_model (self->report_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  g_signal_connect_swapped (self->sheet_row, "notify::selected", G_CALLBACK (sheet_selected_cb), self);
  g_signal_connect_swapped (self->encoding_row, "notify::selected",
                            G_CALLBACK (encoding_selected_cb), self);
  /* Enter imports, once Import is sensitive */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->choose_button));
  update_status (self);
}

/* ---- public API ---------------------------------------------------------------------------------------- */

CsImportDialog *
cs_import_dialog_new (GtkWindow  *parent,
                      const char *vehicle_line)
{
  CsImportDialog *self = g_object_new (CS_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new ((const char *[]) { _("Cargo lines"), NULL });

  self->vehicle_line = g_strdup (vehicle_line);
  if (vehicle_line != NULL)
    {
      /* Translators: %s names a vehicle line of the draft ("line 3, Sedans") */
      g_autofree char *vins = g_strdup_printf (_("VINs of %s"), vehicle_line);

      gtk_string_list_append (kinds, vins);
    }
  self->updating++;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  self->updating--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), vehicle_line != NULL);
  if (vehicle_line == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row),
                                 _("To import a VIN list, select its vehicle line first"));
  return self;
}

void
cs_import_dialog_set_draft (CsImportDialog *self,
                            CsManifest     *draft)
{
  g_return_if_fail (CS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (draft == NULL || CS_IS_MANIFEST (draft));

  g_clear_pointer (&self->draft_vins, cs_import_draft_vins_unref);
  if (draft != NULL)
    self->draft_vins = cs_import_draft_vins_new (draft);
  if (self->file != NULL)
    {
      /* the table keeps the VINs it was read with: read it again */
      forget_table (self);
      changed (self);
    }
}

void
cs_import_dialog_choose_file (CsImportDialog *self)
{
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();

  g_return_if_fail (CS_IS_IMPORT_DIALOG (self));
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a File to Import"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_filter_set_name (tables, _("CSV files and Excel workbooks"));
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_mime_type (tables, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_pattern (tables, "*.csv");
  gtk_file_filter_add_pattern (tables, "*.txt");
  gtk_file_filter_add_pattern (tables, "*.tsv");
  gtk_file_filter_add_pattern (tables, "*.xlsx");
  gtk_file_filter_add_pattern (tables, "*.xlsm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), tables);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
cs_import_dialog_set_file (CsImportDialog *self,
                           GFile          *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (CS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  forget_table (self);
  g_clear_pointer (&self->sheets, g_strfreev);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->previews, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_strfreev);
  self->encoding = CS_IMPORT_ENCODING_UTF8;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), FALSE);
  clear_mapping_rows (self);
  clear_result (self);
  show_preview (self);
  name = cs_format_file_location (file);
  {
    g_autofree char *escaped = g_markup_escape_text (name, -1);

    adw_action_row_set_subtitle (self->file_row, escaped);
  }
  changed (self);
}

void
cs_import_dialog_set_kind (CsImportDialog *self,
                           CsTableKind     kind)
{
  g_return_if_fail (CS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (kind == CS_TABLE_KIND_ITEMS || self->vehicle_line != NULL);

  if (self->updating == 0)
    {
      self->updating++;
      adw_combo_row_set_selected (self->kind_row, kind == CS_TABLE_KIND_VINS ? 1 : 0);
      self->updating--;
    }
  if (kind == self->kind)
    return;
  self->kind = kind;
  gtk_window_set_title (GTK_WINDOW (self), kind == CS_TABLE_KIND_VINS ? _("Import VINs")
                                                                      : _("Import Lines"));
  changed (self);
}

CsTableKind
cs_import_dialog_get_kind (CsImportDialog *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), CS_TABLE_KIND_ITEMS);
  return self->kind;
}

gboolean
cs_import_dialog_is_busy (CsImportDialog *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), FALSE);
  return self->running;
}

GStrv
cs_import_dialog_dup_sheets (CsImportDialog *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), NULL);
  return g_strdupv (self->sheets);
}

void
cs_import_dialog_set_sheet (CsImportDialog *self,
                            const char     *sheet)
{
  g_return_if_fail (CS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->sheets != NULL && g_strv_contains ((const char * const *) self->sheets, sheet));

  self->updating++;
  for (guint i = 0; self->sheets[i] != NULL; i++)
    if (strcmp (self->sheets[i], sheet) == 0)
      adw_combo_row_set_selected (self->sheet_row, i);
  self->updating--;
  if (g_strcmp0 (self->sheet, sheet) == 0)
    return;
  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
  forget_table (self);
  changed (self);
}

gboolean
cs_import_dialog_get_encoding (CsImportDialog   *self,
                               CsImportEncoding *encoding_out)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), FALSE);
  if (encoding_out != NULL)
    *encoding_out = self->encoding;
  return self->previews != NULL;
}

void
cs_import_dialog_set_encoding (CsImportDialog   *self,
                               CsImportEncoding  encoding)
{
  g_return_if_fail (CS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->previews != NULL);

  self->updating++;
  for (guint i = 0; i < self->previews->len; i++)
    if (((CsImportPreview *) self->previews->pdata[i])->encoding == encoding)
      adw_combo_row_set_selected (self->encoding_row, i);
  self->updating--;
  update_encoding_subtitle (self);
  if (encoding == self->encoding)
    return;
  self->encoding = encoding;
  forget_table (self);
  changed (self);
}

GStrv
cs_import_dialog_dup_headers (CsImportDialog *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), NULL);
  return g_strdupv (self->headers);
}

int
cs_import_dialog_get_column_field (CsImportDialog *self,
                                   guint           column)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), -1);
  return field_of_column (self, column);
}

void
cs_import_dialog_set_column_field (CsImportDialog *self,
                                   guint           column,
                                   int             field)
{
  g_return_if_fail (CS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column < self->mapping_rows->len);
  g_return_if_fail (field >= -1 && field < CS_IMPORT_N_FIELDS);

  if (field_of_column (self, column) == field)
    {
      sync_mapping_rows (self);
      return;
    }
  /* one column feeds one field, and a field comes from one column */
  for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
    if (self->mapping.column[f] == (int) column)
      self->mapping.column[f] = -1;
  if (field >= 0)
    self->mapping.column[field] = column;
  sync_mapping_rows (self);
  changed (self);
}

GStrv
cs_import_dialog_dup_report (CsImportDialog *self)
{
  GListModel *model;
  guint n;
  GStrv out;

  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), NULL);
  model = G_LIST_MODEL (self->report_model);
  n = g_list_model_get_n_items (model);
  out = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (gtk_string_list_get_string (self->report_model, i));
  return out;
}

const char *
cs_import_dialog_get_error (CsImportDialog *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

guint
cs_import_dialog_get_n_good (CsImportDialog *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), 0);
  if (self->running || self->n_problems > 0)
    return 0;
  if (self->vins != NULL)
    return g_strv_length (self->vins);
  return self->items != NULL ? self->items->len : 0;
}

GStrv
cs_import_dialog_dup_preview (CsImportDialog *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), NULL);
  for (int r = 0;; r++)
    {
      GString *line = NULL;

      for (int c = 0;; c++)
        {
          GtkWidget *cell = gtk_grid_get_child_at (self->preview_grid, c, r);

          if (cell == NULL)
            break;
          if (line == NULL)
            line = g_string_new (NULL);
          else
            g_string_append_c (line, '\t');
          g_string_append (line, gtk_label_get_text (GTK_LABEL (cell)));
        }
      if (line == NULL)
        break;
      g_ptr_array_add (rows, g_string_free (line, FALSE));
    }
  g_ptr_array_add (rows, NULL);
  return (GStrv) g_ptr_array_free (rows, FALSE);
}

gboolean
cs_import_dialog_import (CsImportDialog *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_DIALOG (self), FALSE);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)) ||
      cs_import_dialog_get_n_good (self) == 0)
    return FALSE;
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_IMPORT], 0, (guint) self->kind,
                 self->kind == CS_TABLE_KIND_ITEMS ? self->items : NULL,
                 self->kind == CS_TABLE_KIND_VINS ? self->vins : NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}
