/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-review-page.c: findings grouped by severity, totals, Mark ready and export
 *
 * Identical findings (one rule, severity and hint: cs-finding-group.h, as `consign validate`
 * sums them up) are one row, "33,334 lines: …", whose lines are made only when it is expanded:
 * a GtkTreeListModel over the entries, each entry's findings its children. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cs-editor-page.h"
#include "cs-export.h"
#include "cs-field-label.h"
#include "cs-finding-group.h"
#include "cs-finding-row.h"
#include "cs-format.h"
#include "cs-review-page.h"

struct _CsReviewPage
{
  CsEditorPage   parent_instance;

  GListStore     *entries;     /* CsFindingGroup: the validation's findings summed up */
  GtkTreeListModel *tree;      /* the entries, each expandable to its findings */
  GtkNoSelection *selection;
  guint          regroup_id;
  gboolean       regroup_on_map;   /* findings changed while the page was not shown */
  guint          totals_id;
  GtkLabel      *totals[8];

  /* template */
  GtkLabel      *summary_label;
  GtkButton     *mark_ready_button;
  GtkLabel      *status_label;
  GtkGrid       *totals_grid;
  GtkBox        *export_box;
  GtkStack      *findings_stack;
  GtkListView   *list_view;
};

G_DEFINE_FINAL_TYPE (CsReviewPage, cs_review_page, CS_TYPE_EDITOR_PAGE)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const total_titles[] = {
  N_("Lines"), N_("Packages"), N_("Quantity"), N_("Gross weight"), N_("Net weight"),
  N_("Volume"), N_("Value"), N_("VINs"),
};

/* ---- totals and summary ------------------------------------------------------------------ */

static void
update_totals (CsReviewPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsCatalog *catalog = cs_context_get_catalog (cs_editor_page_get_context (CS_EDITOR_PAGE (self)));
  const char *currency = manifest ? manifest->currency : NULL;
  CsTotals t = { 0 };
  char *text[8];
  g_autofree char *gross = NULL, *net = NULL, *volume = NULL, *value = NULL;

  if (manifest != NULL)
    cs_manifest_compute_totals (manifest, &t);
  gross = cs_format_decimal (t.gross_kg, CS_FORMAT_KG_DECIMALS);
  net = cs_format_decimal (t.net_kg, CS_FORMAT_KG_DECIMALS);
  volume = cs_format_decimal (t.volume_m3, CS_FORMAT_M3_DECIMALS);
  value = cs_format_decimal (t.value, cs_format_money_decimals (catalog, currency));
  text[0] = cs_format_decimal (t.n_items, 0);
  text[1] = cs_format_decimal ((double) t.packages, 0);
  text[2] = cs_format_quantity (t.quantity);
  text[3] = g_strdup_printf (_("%s kg"), gross);
  text[4] = g_strdup_printf (_("%s kg"), net);
  text[5] = g_strdup_printf (_("%s m³"), volume);
  text[6] = g_strdup_printf ("%s %s", value, currency ? currency : "");
  text[7] = cs_format_decimal (t.n_vins, 0);
  for (guint i = 0; i < G_N_ELEMENTS (self->totals); i++)
    {
      gtk_label_set_text (self->totals[i], text[i]);
      g_free (text[i]);
    }
}

static gboolean
update_totals_cb (gpointer user_data)
{
  CsReviewPage *self = user_data;

  self->totals_id = 0;
  update_totals (self);
  return G_SOURCE_REMOVE;
}

static void
update_status (CsReviewPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));

  cs_format_status_pill (self->status_label, manifest ? manifest->status : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->mark_ready_button),
                          manifest != NULL && cs_manifest_get_status (manifest) == CS_STATUS_DRAFT);
}

static void
on_manifest_changed_cb (CsReviewPage *self,
                        CsRecord     *origin,
                        const char   *field)
{
  if (g_strcmp0 (field, "status") == 0)
    update_status (self);

  /* Summing 100,000 items takes a few ms: once per burst of edits is enough. */
  if (self->totals_id == 0)
    self->totals_id = g_timeout_add (300, update_totals_cb, self);
}

static void
update_summary (CsReviewPage *self)
{
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  guint n_errors = 0, n_warnings = 0, n_infos = 0;
  g_autofree char *text = NULL;

  if (validation != NULL)
    {
      n_errors = cs_validation_count (validation, CS_SEVERITY_ERROR);
      n_warnings = cs_validation_count (validation, CS_SEVERITY_WARNING);
      n_infos = cs_validation_count (validation, CS_SEVERITY_INFO);
    }
  if (n_errors + n_warnings + n_infos == 0)
    text = g_strdup (_("Ready to go: no findings"));
  else
    text = cs_format_finding_counts (n_errors, n_warnings, (int) MIN (n_infos, G_MAXINT));
  gtk_label_set_text (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->findings_stack,
                                    n_errors + n_warnings + n_infos == 0 ? "clean" : "findings");
}

/* ---- findings list ----------------------------------------------------------------------- */

static const char *
severity_icon (CsSeverity severity)
{
  switch (severity)
    {
    case CS_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case CS_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case CS_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_heading (CsSeverity severity)
{
  switch (severity)
    {
    case CS_SEVERITY_ERROR:
      return _("Errors");
    case CS_SEVERITY_WARNING:
      return _("Warnings");
    case CS_SEVERITY_INFO:
    default:
      return _("Notes");
    }
}

/* A row's finding: the finding itself, or the first of a summed-up entry. */
static CsFinding *
row_finding (GtkTreeListRow *row,
             guint          *n_findings)
{
  g_autoptr(GObject) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  *n_findings = 1;
  if (CS_IS_FINDING_GROUP (item))
    {
      *n_findings = cs_finding_group_get_n_findings (CS_FINDING_GROUP (item));
      return cs_finding_group_get_first (CS_FINDING_GROUP (item));
    }
  return CS_IS_FINDING (item) ? CS_FINDING (item) : NULL;
}

/* "Line 4 · HS code" → "HS code": what a summed-up entry's lines have in common. */
static const char *
field_name (const char *label)
{
  const char *sep = label ? g_strrstr (label, " · ") : NULL;

  return sep ? sep + strlen (" · ") : label;
}

static gboolean
row_is_line (GtkTreeListRow *row)
{
  return row != NULL && gtk_tree_list_row_get_depth (row) > 0;
}

/* What a row says: the message ("33,334 lines: …" for a summed-up entry), the line under it
 * (the field's name and how to fix it) and the path of the data on demand. */
static void
row_texts (CsReviewPage    *self,
           GtkTreeListRow  *row,
           char           **message_out,
           char           **detail_out,
           char           **path_out)
{
  guint n_findings;
  CsFinding *finding = row_finding (row, &n_findings);
  gboolean is_line = row_is_line (row);
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *path = NULL;

  if (finding == NULL)
    return;
  /* People read the field's name; the rule id and data path are there on demand (tooltip),
   * for a support call or the rules file. */
  if (detail_out != NULL && finding->path != NULL && *finding->path != '\0')
    label = cs_field_label (cs_editor_page_get_manifest (CS_EDITOR_PAGE (self)), finding->path);
  if (n_findings > 1)
    {
      g_autofree char *count = cs_format_decimal (n_findings, 0);

      if (g_str_has_prefix (finding->path, "items["))
        /* Translators: a summed-up entry of the Review page, e.g. "33,334 lines: Line 7 has no
         * HS code …": the number of lines with the same problem, then the first one's message */
        message = g_strdup_printf (ngettext ("%s line: %s …", "%s lines: %s …", n_findings), count,
                                   cs_finding_get_message (finding));
      else
        /* Translators: as "%s lines: %s …", for problems of containers, legs or documents */
        message = g_strdup_printf (ngettext ("%s finding: %s …", "%s findings: %s …", n_findings), count,
                                   cs_finding_get_message (finding));
      path = g_strdup_printf ("%s, …", finding->path);
      if (detail_out != NULL)
        detail = g_strdup_printf ("%s — %s", field_name (label), cs_finding_get_hint (finding));
    }
  else
    {
      message = g_strdup (cs_finding_get_message (finding));
      path = g_strdup (finding->path != NULL && *finding->path != '\0' ? finding->path : "—");
      if (detail_out != NULL)
        {
          /* a line of a summed-up entry: the entry says how to fix it */
          if (is_line)
            detail = g_strdup (label != NULL ? label : "");
          else if (label != NULL && cs_finding_get_hint (finding) != NULL)
            detail = g_strdup_printf ("%s — %s", label, cs_finding_get_hint (finding));
          else
            detail = g_strdup (label != NULL ? label : cs_finding_get_hint (finding));
        }
    }
  if (message_out != NULL)
    *message_out = g_steal_pointer (&message);
  if (detail_out != NULL)
    *detail_out = g_steal_pointer (&detail);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
}

/* The <closure> functions of ui/cs-finding-row.ui (cs_finding_row_factory_new): the GtkListItem,
 * its item (the GtkTreeListRow, NULL while the row shows nothing) or a value, then the page. */

static char *
finding_row_message (GtkListItem    *list_item,
                     GtkTreeListRow *row,
                     CsReviewPage   *self)
{
  char *message = NULL;

  row_texts (self, row, &message, NULL, NULL);
  return message;
}

static char *
finding_row_detail (GtkListItem    *list_item,
                    GtkTreeListRow *row,
                    CsReviewPage   *self)
{
  char *detail = NULL;

  row_texts (self, row, NULL, &detail, NULL);
  return detail;
}

static char *
finding_row_tooltip (GtkListItem    *list_item,
                     GtkTreeListRow *row,
                     CsReviewPage   *self)
{
  guint n_findings;
  CsFinding *finding = row_finding (row, &n_findings);
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  char *tooltip;

  if (finding == NULL)
    return NULL;
  row_texts (self, row, &message, NULL, &path);
  /* Translators: the details of a finding, shown on demand: its rule id and data path */
  tooltip = g_strdup_printf (_("Rule %s at %s"), finding->rule, path);
  if (row_is_line (row))
    {
      /* the whole message, should the row have cut it short */
      char *full = g_strdup_printf ("%s\n%s", message, tooltip);

      g_free (tooltip);
      tooltip = full;
    }
  return tooltip;
}

/* Entries come sorted by severity: a heading opens each severity's group. */
static gboolean
finding_row_opens_severity (GtkListItem    *list_item,
                            GtkTreeListRow *row,
                            CsReviewPage   *self)
{
  guint n_findings, n_prev, position;
  CsFinding *finding = row_finding (row, &n_findings);
  g_autoptr(GtkTreeListRow) prev = NULL;
  CsFinding *prev_finding;

  if (finding == NULL || row_is_line (row))
    return FALSE;
  position = gtk_tree_list_row_get_position (row);
  if (position == 0)
    return TRUE;
  prev = g_list_model_get_item (G_LIST_MODEL (self->selection), position - 1);
  prev_finding = row_finding (prev, &n_prev);
  return prev_finding == NULL || prev_finding->severity != finding->severity;
}

static char *
finding_row_heading (GtkListItem    *list_item,
                     GtkTreeListRow *row,
                     CsReviewPage   *self)
{
  guint n_findings;
  CsFinding *finding = row_finding (row, &n_findings);

  return finding ? g_strdup (severity_heading (finding->severity)) : NULL;
}

static char *
finding_row_icon_name (GtkListItem    *list_item,
                       GtkTreeListRow *row,
                       CsReviewPage   *self)
{
  guint n_findings;
  CsFinding *finding = row_finding (row, &n_findings);

  return finding ? g_strdup (severity_icon (finding->severity)) : NULL;
}

/* The icon's colour: .error, .warning, or none for a note. */
static GStrv
finding_row_icon_classes (GtkListItem    *list_item,
                          GtkTreeListRow *row,
                          CsReviewPage   *self)
{
  guint n_findings;
  CsFinding *finding = row_finding (row, &n_findings);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv classes;

  if (finding != NULL && finding->severity == CS_SEVERITY_ERROR)
    g_strv_builder_add (builder, "error");
  else if (finding != NULL && finding->severity == CS_SEVERITY_WARNING)
    g_strv_builder_add (builder, "warning");
  classes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return classes;
}

/* Entries and single findings wrap; a line of an entry is one line, ellipsized. */
static gboolean
finding_row_wraps (GtkListItem    *list_item,
                   GtkTreeListRow *row,
                   CsReviewPage   *self)
{
  return !row_is_line (row);
}

static PangoEllipsizeMode
finding_row_ellipsize (GtkListItem    *list_item,
                       GtkTreeListRow *row,
                       CsReviewPage   *self)
{
  return row_is_line (row) ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE;
}

static gboolean
finding_row_has_text (GtkListItem  *list_item,
                      const char   *text,
                      CsReviewPage *self)
{
  return text != NULL && *text != '\0';
}

/* The entries' children: the lines of a summed-up entry, made when it is expanded. */
static GListModel *
create_lines_cb (gpointer item,
                 gpointer user_data)
{
  if (CS_IS_FINDING_GROUP (item) && cs_finding_group_get_n_findings (item) > 1)
    return g_object_ref (item);   /* an entry is the list of its findings */
  return NULL;
}

/* Sums up the validation's findings again. Entries that were open stay open. */
static void
regroup (CsReviewPage *self)
{
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = validation ? g_list_model_get_n_items (G_LIST_MODEL (validation)) : 0;

  g_clear_handle_id (&self->regroup_id, g_source_remove);
  self->regroup_on_map = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);

      if (row != NULL && gtk_tree_list_row_get_expanded (row))
        {
          g_autoptr(GObject) entry = gtk_tree_list_row_get_item (row);   /* a new reference */

          g_ptr_array_add (open, g_object_ref (cs_finding_group_get_first (CS_FINDING_GROUP (entry))));
        }
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (findings, g_list_model_get_item (G_LIST_MODEL (validation), i));
  entries = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len, CS_FINDING_GROUP_MIN);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  for (guint i = 0; open->len > 0 && i < entries->len; i++)
    {
      CsFindingGroup *entry = entries->pdata[i];

      if (cs_finding_group_get_n_findings (entry) < 2)
        continue;
      for (guint k = 0; k < open->len; k++)
        if (cs_finding_same_shape (open->pdata[k], cs_finding_group_get_first (entry)))
          {
            g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);

            gtk_tree_list_row_set_expanded (row, TRUE);
            g_ptr_array_remove_index_fast (open, k);
            break;
          }
    }
}

static gboolean
regroup_cb (gpointer user_data)
{
  CsReviewPage *self = user_data;

  self->regroup_id = 0;
  regroup (self);
  return G_SOURCE_REMOVE;
}

static void
on_list_view_activate_cb (CsReviewPage *self,
                          guint         position)
{
  cs_review_page_activate_row (self, position);
}

static void
on_findings_changed_cb (CsReviewPage *self,
                        guint         position,
                        guint         removed,
                        guint         added)
{
  update_summary (self);
  /* An edit re-validates a few findings at a time: sum up once per burst, and only for a page
   * that is shown (summing up 66,000 findings takes tens of ms: not on every keystroke typed on
   * another page). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->regroup_on_map = TRUE;
  else if (self->regroup_id == 0)
    self->regroup_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, regroup_cb, self, NULL);
}

static void
cs_review_page_map (GtkWidget *widget)
{
  CsReviewPage *self = CS_REVIEW_PAGE (widget);

  if (self->regroup_on_map)
    regroup (self);
  GTK_WIDGET_CLASS (cs_review_page_parent_class)->map (widget);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
build_exports (CsReviewPage *self)
{
  for (const CsExportFormat *f = cs_export_formats (); f->name != NULL; f++)
    {
      g_autofree char *label = NULL;
      g_autofree char *a11y = NULL;
      GtkWidget *button;

      if (f->write == NULL)
        continue;
      label = g_ascii_strup (f->name, -1);
      /* The button says the short name; its tooltip and accessible name what the file is. */
      a11y = g_strdup_printf (_("Export %s"), cs_format_export_title (f->name));
      button = gtk_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.export");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", f->name);
      gtk_widget_set_tooltip_text (button, a11y);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y, -1);
      gtk_box_append (self->export_box, button);
    }
}

static void
build_totals (CsReviewPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (total_titles); i++)
    {
      GtkWidget *title = gtk_label_new (_(total_titles[i]));
      GtkWidget *value = gtk_label_new ("0");

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      title, NULL, -1);
      gtk_grid_attach (self->totals_grid, title, (i % 4) * 2, i / 4, 1, 1);
      gtk_grid_attach (self->totals_grid, value, (i % 4) * 2 + 1, i / 4, 1, 1);
      self->totals[i] = GTK_LABEL (value);
    }
}

static void
cs_review_page_manifest_changed (CsEditorPage *page,
                                 CsManifest   *old)
{
  CsReviewPage *self = CS_REVIEW_PAGE (page);
  CsManifest *manifest = cs_editor_page_get_manifest (page);

  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  if (manifest != NULL)
    g_signal_connect_object (manifest, "changed", G_CALLBACK (on_manifest_changed_cb), self,
                             G_CONNECT_SWAPPED);
  update_totals (self);
  update_status (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), manifest != NULL);
  /* The rows name fields by the manifest's container numbers and line numbers: bind them
   * again for this manifest (the validation may have come first). */
  gtk_no_selection_set_model (self->selection, NULL);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
}

static void
cs_review_page_validation_changed (CsEditorPage *page,
                                   CsValidation *old)
{
  CsReviewPage *self = CS_REVIEW_PAGE (page);
  CsValidation *validation = cs_editor_page_get_validation (page);

  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  if (validation != NULL)
    {
      /* Counts may be updated after the list changed: follow both. */
      g_signal_connect_object (validation, "items-changed", G_CALLBACK (on_findings_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (validation, "notify", G_CALLBACK (update_summary), self,
                               G_CONNECT_SWAPPED);
    }
  /* Opening a draft on another page need not sum up its findings before they are shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    regroup (self);
  else
    {
      g_list_store_remove_all (self->entries);
      self->regroup_on_map = TRUE;
    }
  update_summary (self);
}

static void
cs_review_page_dispose (GObject *object)
{
  CsReviewPage *self = CS_REVIEW_PAGE (object);

  cs_editor_page_dispose_template (CS_EDITOR_PAGE (self), CS_TYPE_REVIEW_PAGE);
  g_clear_handle_id (&self->totals_id, g_source_remove);
  g_clear_handle_id (&self->regroup_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (cs_review_page_parent_class)->dispose (object);
}

static void
cs_review_page_class_init (CsReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsEditorPageClass *page_class = CS_EDITOR_PAGE_CLASS (klass);

  object_class->dispose = cs_review_page_dispose;
  widget_class->map = cs_review_page_map;
  page_class->manifest_changed = cs_review_page_manifest_changed;
  page_class->validation_changed = cs_review_page_validation_changed;

  /**
   * CsReviewPage::finding-activated:
   * @path: the finding's JSON path
   *
   * The user chose a finding: the window shows the page of its field and focuses it.
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, mark_ready_button);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, totals_grid);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, export_box);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, findings_stack);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
}

static void
cs_review_page_init (CsReviewPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  factory = cs_finding_row_factory_new (G_OBJECT (self),
                                        "finding_row_message", G_CALLBACK (finding_row_message),
                                        "finding_row_detail", G_CALLBACK (finding_row_detail),
                                        "finding_row_tooltip", G_CALLBACK (finding_row_tooltip),
                                        "finding_row_opens_severity", G_CALLBACK (finding_row_opens_severity),
                                        "finding_row_heading", G_CALLBACK (finding_row_heading),
                                        "finding_row_icon_name", G_CALLBACK (finding_row_icon_name),
                                        "finding_row_icon_classes", G_CALLBACK (finding_row_icon_classes),
                                        "finding_row_wraps", G_CALLBACK (finding_row_wraps),
                                        "finding_row_ellipsize", G_CALLBACK (finding_row_ellipsize),
                                        "finding_row_has_text", G_CALLBACK (finding_row_has_text),
                                        NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  self->entries = g_list_store_new (CS_TYPE_FINDING_GROUP);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)), FALSE, FALSE,
                                        create_lines_cb, NULL, NULL);
  self->selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  build_totals (self);
  build_exports (self);
  update_summary (self);
}

GtkWidget *
cs_review_page_new (CsContext *context)
{
  return g_object_new (CS_TYPE_REVIEW_PAGE, "context", context, NULL);
}

void
cs_review_page_set_manifest (CsReviewPage *self,
                             CsManifest   *manifest)
{
  g_return_if_fail (CS_IS_REVIEW_PAGE (self));
  cs_editor_page_set_manifest (CS_EDITOR_PAGE (self), manifest);
}

void
cs_review_page_set_validation (CsReviewPage *self,
                               CsValidation *validation)
{
  g_return_if_fail (CS_IS_REVIEW_PAGE (self));
  cs_editor_page_set_validation (CS_EDITOR_PAGE (self), validation);
}

void
cs_review_page_activate_finding (CsReviewPage *self,
                                 guint         position)
{
  CsValidation *validation;
  g_autoptr(CsFinding) finding = NULL;

  g_return_if_fail (CS_IS_REVIEW_PAGE (self));

  validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  if (validation == NULL)
    return;
  finding = g_list_model_get_item (G_LIST_MODEL (validation), position);
  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding->path);
}

void
cs_review_page_activate_row (CsReviewPage *self,
                             guint         position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  guint n_findings;
  CsFinding *finding;

  g_return_if_fail (CS_IS_REVIEW_PAGE (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row == NULL)
    return;
  if (gtk_tree_list_row_is_expandable (row))
    {
      gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
      return;
    }
  finding = row_finding (row, &n_findings);
  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding->path);
}

GtkWidget *
cs_review_page_get_list_view (CsReviewPage *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_PAGE (self), NULL);
  return GTK_WIDGET (self->list_view);
}
