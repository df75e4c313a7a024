/* cs-review-page.c: findings grouped by severity, totals, Mark ready and export */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-editor-page.h"
#include "cs-export.h"
#include "cs-field-label.h"
#include "cs-format.h"
#include "cs-review-page.h"

struct _CsReviewPage
{
  CsEditorPage   parent_instance;

  GtkNoSelection *selection;
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
                          manifest != NULL && g_strcmp0 (manifest->status, "draft") == 0);
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

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (texts), message);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (line), icon);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  g_object_set_data (G_OBJECT (box), "heading", heading);
  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "message", message);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         CsReviewPage             *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  CsFinding *finding = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  GtkWidget *heading = g_object_get_data (G_OBJECT (box), "heading");
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "icon");
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;
  gboolean first_of_kind = TRUE;

  /* Findings come sorted by severity: a heading opens each severity's group. */
  if (position > 0)
    {
      g_autoptr(CsFinding) prev = g_list_model_get_item (G_LIST_MODEL (self->selection), position - 1);

      first_of_kind = prev == NULL || prev->severity != finding->severity;
    }
  gtk_widget_set_visible (heading, first_of_kind);
  gtk_label_set_text (GTK_LABEL (heading), severity_heading (finding->severity));
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), severity_icon (finding->severity));
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  if (finding->severity == CS_SEVERITY_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (finding->severity == CS_SEVERITY_WARNING)
    gtk_widget_add_css_class (icon, "warning");
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "message"), finding->message);
  /* People read the field's name; the rule id and data path are there on demand (tooltip),
   * for a support call or the rules file. */
  if (finding->path != NULL && *finding->path != '\0')
    label = cs_field_label (cs_editor_page_get_manifest (CS_EDITOR_PAGE (self)), finding->path);
  if (label != NULL && finding->hint != NULL)
    detail = g_strdup_printf ("%s — %s", label, finding->hint);
  else
    detail = g_strdup (label != NULL ? label : finding->hint != NULL ? finding->hint : "");
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "detail"), detail);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "detail"), *detail != '\0');
  /* Translators: the details of a finding, shown on demand: its rule id and data path */
  tooltip = g_strdup_printf (_("Rule %s at %s"), finding->rule,
                             finding->path != NULL && *finding->path != '\0' ? finding->path : "—");
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  finding->message, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  detail, -1);
}

static void
on_list_view_activate_cb (CsReviewPage *self,
                          guint         position)
{
  cs_review_page_activate_finding (self, position);
}

static void
on_findings_changed_cb (CsReviewPage *self,
                        guint         position,
                        guint         removed,
                        guint         added)
{
  update_summary (self);
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
  {
    GListModel *findings = gtk_no_selection_get_model (self->selection);

    if (findings != NULL)
      {
        g_object_ref (findings);
        gtk_no_selection_set_model (self->selection, NULL);
        gtk_no_selection_set_model (self->selection, findings);
        g_object_unref (findings);
      }
  }
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
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (validation));
  update_summary (self);
}

static void
cs_review_page_dispose (GObject *object)
{
  CsReviewPage *self = CS_REVIEW_PAGE (object);

  cs_editor_page_dispose_template (CS_EDITOR_PAGE (self), CS_TYPE_REVIEW_PAGE);
  g_clear_handle_id (&self->totals_id, g_source_remove);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cs_review_page_parent_class)->dispose (object);
}

static void
cs_review_page_class_init (CsReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsEditorPageClass *page_class = CS_EDITOR_PAGE_CLASS (klass);

  object_class->dispose = cs_review_page_dispose;
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
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  self->selection = gtk_no_selection_new (NULL);
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

GtkWidget *
cs_review_page_get_list_view (CsReviewPage *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_PAGE (self), NULL);
  return GTK_WIDGET (self->list_view);
}
