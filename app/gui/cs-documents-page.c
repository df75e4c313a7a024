/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-documents-page.c: the Documents page (checklist of what is required, every document) */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cs-choice-row.h"
#include "cs-documents-page.h"
#include "cs-editor-page.h"
#include "cs-field-row.h"
#include "cs-requirements.h"

/* A document's rows are declared in ui/cs-documents-page-document.ui, where these fields are
 * also the ids of their rows (the kind's row is "kind"). */
static const char * const doc_fields[] = { "number", "issued_on", "expires_on", "issuer", "covers" };

typedef struct
{
  const char *kind;     /* interned */
  GArray     *lines;    /* gint64 lines needing it; NULL = the whole manifest */
  gboolean    present;
} Need;

struct _CsDocumentsPage
{
  CsEditorPage         parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkListBox          *checklist;
  GtkLabel            *findings_label;
  GtkListBox          *documents_list;

  gulong               changed_handler;
  gulong               docs_handler;
  gulong               validation_handler;
  guint                checklist_timeout;
  GArray              *needs;          /* of Need */
  int                  current;        /* document last expanded, for documents.remove */
  CsDocument          *removed;
  guint                removed_at;
};

G_DEFINE_FINAL_TYPE (CsDocumentsPage, cs_documents_page, CS_TYPE_EDITOR_PAGE)

static const char *
kind_title (CsDocumentsPage *self,
            const char      *kind)
{
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));
  const CsDocumentKind *k = NULL;
  if (kind == NULL)
    return _("Document");
  if (context != NULL)
    k = cs_catalog_get_document_kind (cs_context_get_catalog (context), kind);
  if (k == NULL)
    return kind;
  return cs_catalog_localized_title (k->title ? k->title : kind, k->title_zh);
}

/* ---- what is required -------------------------------------------------------------------------- */

static void
need_clear (gpointer data)
{
  Need *n = data;

  g_clear_pointer (&n->lines, g_array_unref);
}

static Need *
need_for (CsDocumentsPage *self,
          const char      *kind)
{
  Need n = { 0 };

  kind = g_intern_string (kind);
  for (guint i = 0; i < self->needs->len; i++)
    if (g_array_index (self->needs, Need, i).kind == kind)
      return &g_array_index (self->needs, Need, i);
  n.kind = kind;
  g_array_append_val (self->needs, n);
  return &g_array_index (self->needs, Need, self->needs->len - 1);
}

/* What is required, as the validator's document rules see it (cs_requirements_needed), merged
 * per document kind: a shipment-wide need stands for its lines. */
static void
compute_needs (CsDocumentsPage *self)
{
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));
  CsManifest *m = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(GPtrArray) needed = NULL;
  g_autoptr(GHashTable) whole = NULL;
  CsValidation *validation;
  GDate today;

  g_array_set_size (self->needs, 0);
  if (m == NULL || context == NULL)
    return;

  /* Where the first leg has no departure: the validator's reference date (today unless set). */
  validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  if (validation != NULL)
    cs_validation_get_today (validation, &today);
  else
    cs_validate_default_today (&today);
  needed = cs_requirements_needed (m, cs_context_get_catalog (context), &today);
  whole = g_hash_table_new (NULL, NULL);
  for (guint r = 0; r < needed->len; r++)
    {
      CsNeededDocument *nd = g_ptr_array_index (needed, r);
      gboolean fresh = TRUE;
      Need *n;

      for (guint i = 0; i < self->needs->len && fresh; i++)
        fresh = g_array_index (self->needs, Need, i).kind != g_intern_string (nd->document);
      n = need_for (self, nd->document);
      n->present = (fresh || n->present) && nd->present;
      if (nd->whole)
        {
          g_clear_pointer (&n->lines, g_array_unref);
          g_hash_table_add (whole, (gpointer) n->kind);
          continue;
        }
      if (g_hash_table_contains (whole, n->kind))
        continue;
      if (n->lines == NULL)
        n->lines = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint k = 0; k < nd->items->len; k++)
        {
          guint i = g_array_index (nd->items, guint, k);
          CsItem *item = CS_MANIFEST_ITEM (m, i);
          gint64 line = cs_num_is_set (item->line) ? (gint64) item->line : (gint64) i + 1;
          gboolean listed = FALSE;

          /* Two requirements may ask for the same document for the same line. */
          for (guint j = 0; j < n->lines->len && !listed; j++)
            listed = g_array_index (n->lines, gint64, j) == line;
          if (!listed)
            g_array_append_val (n->lines, line);
        }
    }

  /* Documents the manifest has although no rule asks for them are listed as present too. */
  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
    {
      CsDocument *d = CS_MANIFEST_DOCUMENT (m, i);
      gboolean known = FALSE;

      for (guint k = 0; d->kind && k < self->needs->len; k++)
        known |= g_array_index (self->needs, Need, k).kind == g_intern_string (d->kind);
      if (d->kind != NULL && !known)
        {
          Need extra = { g_intern_string (d->kind), NULL, TRUE };
          g_array_append_val (self->needs, extra);
        }
    }
}

/* ---- the checklist ------------------------------------------------------------------------------ */

static void add_required_clicked_cb (GtkButton *button, CsDocumentsPage *self);

static void
rebuild_checklist (CsDocumentsPage *self)
{
  GtkWidget *child;

  compute_needs (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checklist))) != NULL)
    gtk_list_box_remove (self->checklist, child);

  for (guint i = 0; i < self->needs->len; i++)
    {
      Need *n = &g_array_index (self->needs, Need, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (n->present ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      g_autofree char *subtitle = NULL;
      const char *title = kind_title (self, n->kind);

      if (n->lines != NULL)
        {
          GString *s = g_string_new (NULL);
          for (guint k = 0; k < n->lines->len && k < 12; k++)
            g_string_append_printf (s, "%s%" G_GINT64_FORMAT, k ? ", " : "", g_array_index (n->lines, gint64, k));
          if (n->lines->len > 12)
            g_string_append (s, ", …");
          if (n->present)
            subtitle = g_strdup_printf (ngettext ("Present · needed for line %s",
                                                  "Present · needed for lines %s", n->lines->len), s->str);
          else
            subtitle = g_strdup_printf (ngettext ("Missing · needed for line %s",
                                                  "Missing · needed for lines %s", n->lines->len), s->str);
          g_string_free (s, TRUE);
        }
      else
        subtitle = g_strdup (n->present ? _("Present") : _("Missing · needed for the shipment"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, n->present ? "success" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      n->present ? _("Present") : _("Missing"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (!n->present)
        {
          GtkWidget *add = gtk_button_new_with_label (_("Add"));
          /* Translators: accessible name of the button that adds a missing document, e.g. "Add Phytosanitary certificate" */
          g_autofree char *name = g_strdup_printf (_("Add %s"), title);

          gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_object_set_data (G_OBJECT (add), "kind", (gpointer) n->kind);
          g_signal_connect_object (add, "clicked", G_CALLBACK (add_required_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
      gtk_list_box_append (self->checklist, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->checklist), self->needs->len > 0);
}

static void
update_findings (CsDocumentsPage *self)
{
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  g_autoptr(GPtrArray) found = NULL;
  GString *s = g_string_new (NULL);

  if (validation != NULL)
    found = cs_validation_find (validation, "documents");
  for (guint i = 0; found && i < found->len; i++)
    {
      CsFinding *f = g_ptr_array_index (found, i);

      if (g_strcmp0 (f->path, "documents") == 0)
        g_string_append_printf (s, "%s%s", s->len ? "\n" : "", cs_finding_get_message (f));
    }
  gtk_label_set_text (self->findings_label, s->str);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_label), s->len > 0);
  g_string_free (s, TRUE);
}

static gboolean
checklist_timeout_cb (gpointer data)
{
  CsDocumentsPage *self = data;

  self->checklist_timeout = 0;
  rebuild_checklist (self);
  return G_SOURCE_REMOVE;
}

static void
queue_checklist (CsDocumentsPage *self)
{
  if (self->checklist_timeout == 0)
    self->checklist_timeout = g_timeout_add (150, checklist_timeout_cb, self);
}

/* ---- the documents ------------------------------------------------------------------------------ */

static void remove_document (CsDocumentsPage *self, guint index);

static void
remove_clicked_cb (GtkButton       *button,
                   CsDocumentsPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsDocument *d = g_object_get_data (G_OBJECT (button), "document");
  int index = manifest ? cs_list_find (manifest->documents, d) : -1;

  if (index >= 0)
    remove_document (self, index);
}

static void
expanded_cb (AdwExpanderRow  *row,
             GParamSpec      *pspec,
             CsDocumentsPage *self)
{
  if (adw_expander_row_get_expanded (row))
    self->current = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static void
update_expander_title (CsDocumentsPage *self,
                       GtkWidget       *expander,
                       CsDocument      *d)
{
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), kind_title (self, d->kind));
  if (d->number && d->expires_on)
    subtitle = g_strdup_printf (_("No. %s · expires %s"), d->number, d->expires_on);
  else if (d->number)
    subtitle = g_strdup_printf (_("No. %s"), d->number);
  else
    subtitle = g_strdup (_("No number yet"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
}

static void
rebuild_documents (CsDocumentsPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list))) != NULL)
    gtk_list_box_remove (self->documents_list, child);
  if (manifest == NULL)
    return;

  /* The kinds in the words of the catalog, in the order of CsDocKind. */
  for (guint i = 0; cs_document_kinds[i] != NULL; i++)
    gtk_string_list_append (kind_labels, kind_title (self, cs_document_kinds[i]));

  n = CS_MANIFEST_N_DOCUMENTS (manifest);
  for (guint i = 0; i < n; i++)
    {
      CsDocument *d = CS_MANIFEST_DOCUMENT (manifest, i);
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/cs-documents-page-document.ui");
      GtkWidget *expander = GTK_WIDGET (gtk_builder_get_object (builder, "document"));
      GtkWidget *kind = GTK_WIDGET (gtk_builder_get_object (builder, "kind"));
      GtkWidget *remove = GTK_WIDGET (gtk_builder_get_object (builder, "remove"));
      g_autofree char *kind_path = g_strdup_printf ("documents[%u].kind", i);

      update_expander_title (self, expander, d);
      g_object_set (kind, "labels", kind_labels, NULL);
      cs_choice_row_bind (CS_CHOICE_ROW (kind), CS_RECORD (d), kind_path, validation);
      for (guint k = 0; k < G_N_ELEMENTS (doc_fields); k++)
        {
          GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, doc_fields[k]));
          g_autofree char *path = g_strdup_printf ("documents[%u].%s", i, doc_fields[k]);

          cs_field_row_bind (CS_FIELD_ROW (row), CS_RECORD (d), path, validation);
          g_object_set_data (G_OBJECT (expander), doc_fields[k], row);
        }
      g_object_set_data_full (G_OBJECT (remove), "document", g_object_ref (d), g_object_unref);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      g_object_set_data (G_OBJECT (expander), "document", d);
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
      gtk_list_box_append (self->documents_list, expander);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->documents_list), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.remove", n > 0);
}

static GtkWidget *
expander_at (CsDocumentsPage *self,
             guint            index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->documents_list, (int) index));
}

static void
expand_and_focus (CsDocumentsPage *self,
                  guint            index,
                  const char      *field)
{
  GtkWidget *expander = expander_at (self, index);
  GtkWidget *row;

  if (expander == NULL)
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  row = g_object_get_data (G_OBJECT (expander), field ? field : "number");
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static void
documents_changed_cb (CsDocumentsPage *self)
{
  rebuild_documents (self);
  queue_checklist (self);
}

static void
manifest_changed_cb (CsDocumentsPage *self,
                     CsRecord        *origin,
                     const char      *field)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  if (CS_IS_DOCUMENT (origin))
    {
      int index = cs_list_find (manifest->documents, origin);
      GtkWidget *expander = index >= 0 ? expander_at (self, index) : NULL;

      if (expander != NULL)
        update_expander_title (self, expander, CS_DOCUMENT (origin));
    }
  queue_checklist (self);
}

/* ---- actions --------------------------------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  CsDocumentsPage *self = CS_DOCUMENTS_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(CsDocument) d = NULL;

  if (manifest == NULL)
    return;
  d = cs_document_new ();
  cs_list_append (manifest->documents, d);
  expand_and_focus (self, CS_MANIFEST_N_DOCUMENTS (manifest) - 1, "number");
}

static void
remove_document (CsDocumentsPage *self,
                 guint            index)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsDocument *d = CS_MANIFEST_DOCUMENT (manifest, index);
  AdwToast *toast;

  g_set_object (&self->removed, d);
  self->removed_at = index;
  cs_list_remove (manifest->documents, index);
  toast = adw_toast_new_format (_("%s removed"), kind_title (self, self->removed->kind));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "documents.undo-remove");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
remove_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CsDocumentsPage *self = CS_DOCUMENTS_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  guint n = manifest ? CS_MANIFEST_N_DOCUMENTS (manifest) : 0;

  if (n == 0)
    return;
  remove_document (self, self->current >= 0 && (guint) self->current < n ? (guint) self->current : n - 1);
  self->current = -1;
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CsDocumentsPage *self = CS_DOCUMENTS_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(CsDocument) d = g_steal_pointer (&self->removed);

  if (d == NULL || manifest == NULL || cs_record_get_parent (CS_RECORD (d)) != NULL)
    return;
  cs_list_insert (manifest->documents, MIN (self->removed_at, CS_MANIFEST_N_DOCUMENTS (manifest)), d);
}

static void
add_required_clicked_cb (GtkButton       *button,
                         CsDocumentsPage *self)
{
  cs_documents_page_add_required (self, g_object_get_data (G_OBJECT (button), "kind"));
}

/* ---- GObject ---------------------------------------------------------------------------------------- */

static void
cs_documents_page_manifest_changed (CsEditorPage *page,
                                    CsManifest   *old)
{
  CsDocumentsPage *self = CS_DOCUMENTS_PAGE (page);
  CsManifest *manifest = cs_editor_page_get_manifest (page);

  if (old != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, old);
      g_clear_signal_handler (&self->docs_handler, old->documents);
    }
  g_clear_object (&self->removed);
  if (manifest != NULL)
    {
      self->changed_handler = g_signal_connect_object (manifest, "changed", G_CALLBACK (manifest_changed_cb),
                                                       self, G_CONNECT_SWAPPED);
      self->docs_handler = g_signal_connect_object (manifest->documents, "items-changed",
                                                    G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->current = -1;
  rebuild_documents (self);
  /* The checklist walks the items: do it off the opening path. */
  queue_checklist (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.add", manifest != NULL);
}

static void
cs_documents_page_validation_changed (CsEditorPage *page,
                                      CsValidation *old)
{
  CsDocumentsPage *self = CS_DOCUMENTS_PAGE (page);
  CsValidation *validation = cs_editor_page_get_validation (page);

  if (old != NULL)
    g_clear_signal_handler (&self->validation_handler, old);
  if (validation != NULL)
    self->validation_handler = g_signal_connect_object (validation, "items-changed",
                                                        G_CALLBACK (update_findings), self, G_CONNECT_SWAPPED);
  rebuild_documents (self);
  update_findings (self);
}

static gboolean
cs_documents_page_real_focus_path (CsEditorPage *page,
                                   const char   *json_path)
{
  CsDocumentsPage *self = CS_DOCUMENTS_PAGE (page);
  CsManifest *manifest = cs_editor_page_get_manifest (page);
  g_autofree char *field = NULL;
  char *end, *bracket;
  guint64 index;

  if (manifest == NULL || !g_str_has_prefix (json_path, "documents"))
    return FALSE;
  if (json_path[9] == '\0')
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->checklist, 0);
      return first != NULL && gtk_widget_grab_focus (GTK_WIDGET (first));
    }
  if (json_path[9] != '[')
    return FALSE;
  index = g_ascii_strtoull (json_path + 10, &end, 10);
  if (*end != ']' || index >= CS_MANIFEST_N_DOCUMENTS (manifest))
    return FALSE;
  if (end[1] == '.')
    {
      field = g_strdup (end + 2);
      if ((bracket = strchr (field, '[')) != NULL)
        *bracket = '\0';
    }
  expand_and_focus (self, (guint) index, field);
  self->current = (int) index;
  return TRUE;
}

static void
cs_documents_page_dispose (GObject *object)
{
  CsDocumentsPage *self = CS_DOCUMENTS_PAGE (object);

  cs_editor_page_dispose_template (CS_EDITOR_PAGE (self), CS_TYPE_DOCUMENTS_PAGE);
  g_clear_handle_id (&self->checklist_timeout, g_source_remove);
  g_clear_object (&self->removed);

  G_OBJECT_CLASS (cs_documents_page_parent_class)->dispose (object);
}

static void
cs_documents_page_finalize (GObject *object)
{
  g_array_unref (CS_DOCUMENTS_PAGE (object)->needs);
  G_OBJECT_CLASS (cs_documents_page_parent_class)->finalize (object);
}

static void
cs_documents_page_class_init (CsDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsEditorPageClass *page_class = CS_EDITOR_PAGE_CLASS (klass);

  object_class->dispose = cs_documents_page_dispose;
  object_class->finalize = cs_documents_page_finalize;
  page_class->manifest_changed = cs_documents_page_manifest_changed;
  page_class->validation_changed = cs_documents_page_validation_changed;
  page_class->focus_path = cs_documents_page_real_focus_path;

  /* What a document's rows (ui/cs-documents-page-document.ui) are made of. */
  g_type_ensure (CS_TYPE_FIELD_ROW);
  g_type_ensure (CS_TYPE_CHOICE_ROW);
  g_type_ensure (CS_TYPE_DOC_KIND);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsDocumentsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsDocumentsPage, checklist);
  gtk_widget_class_bind_template_child (widget_class, CsDocumentsPage, findings_label);
  gtk_widget_class_bind_template_child (widget_class, CsDocumentsPage, documents_list);

  gtk_widget_class_install_action (widget_class, "documents.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "documents.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "documents.undo-remove", NULL, undo_remove_action);
}

static void
cs_documents_page_init (CsDocumentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->needs = g_array_new (FALSE, TRUE, sizeof (Need));
  g_array_set_clear_func (self->needs, need_clear);
  self->current = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.remove", FALSE);
}

/* ---- public API --------------------------------------------------------------------------------------- */

GtkWidget *
cs_documents_page_new (CsContext *context)
{
  return g_object_new (CS_TYPE_DOCUMENTS_PAGE, "context", context, NULL);
}

void
cs_documents_page_set_manifest (CsDocumentsPage *self,
                                CsManifest      *manifest)
{
  g_return_if_fail (CS_IS_DOCUMENTS_PAGE (self));
  cs_editor_page_set_manifest (CS_EDITOR_PAGE (self), manifest);
}

CsManifest *
cs_documents_page_get_manifest (CsDocumentsPage *self)
{
  g_return_val_if_fail (CS_IS_DOCUMENTS_PAGE (self), NULL);
  return cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
}

void
cs_documents_page_set_validation (CsDocumentsPage *self,
                                  CsValidation    *validation)
{
  g_return_if_fail (CS_IS_DOCUMENTS_PAGE (self));
  cs_editor_page_set_validation (CS_EDITOR_PAGE (self), validation);
}

gboolean
cs_documents_page_focus_path (CsDocumentsPage *self,
                              const char      *json_path)
{
  g_return_val_if_fail (CS_IS_DOCUMENTS_PAGE (self), FALSE);
  return cs_editor_page_focus_path (CS_EDITOR_PAGE (self), json_path);
}

GStrv
cs_documents_page_dup_checklist (CsDocumentsPage *self)
{
  GStrvBuilder *b;
  GStrv out;

  g_return_val_if_fail (CS_IS_DOCUMENTS_PAGE (self), NULL);
  if (self->checklist_timeout != 0)
    {
      g_clear_handle_id (&self->checklist_timeout, g_source_remove);
      rebuild_checklist (self);
    }
  b = g_strv_builder_new ();
  for (guint i = 0; i < self->needs->len; i++)
    {
      Need *n = &g_array_index (self->needs, Need, i);
      g_autofree char *s = g_strdup_printf ("%s:%s", n->kind, n->present ? "present" : "missing");
      g_strv_builder_add (b, s);
    }
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

CsDocument *
cs_documents_page_add_required (CsDocumentsPage *self,
                                const char      *kind)
{
  CsManifest *manifest;
  g_autoptr(CsDocument) d = NULL;
  Need *need = NULL;
  CsDocKind value;

  g_return_val_if_fail (CS_IS_DOCUMENTS_PAGE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  /* A kind that is not a CsDocKind (cs_document_kinds) is the caller's mistake. */
  value = cs_enum_from_string (CS_TYPE_DOC_KIND, kind);
  g_return_val_if_fail (value != CS_DOC_KIND_UNSET, NULL);

  manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  if (manifest == NULL)
    return NULL;
  compute_needs (self);
  for (guint i = 0; i < self->needs->len; i++)
    if (g_array_index (self->needs, Need, i).kind == g_intern_string (kind))
      need = &g_array_index (self->needs, Need, i);

  d = cs_document_new ();
  cs_document_set_kind (d, value);
  if (need != NULL && need->lines != NULL)
    cs_field_take_intv (CS_RECORD (d), cs_record_find_field (CS_RECORD (d), "covers"),
                        g_array_ref (need->lines));
  /* The commercial invoice is the one on the Shipment page: its number and date carry over
   * rather than being typed twice. */
  if (value == CS_DOC_KIND_COMMERCIAL_INVOICE && manifest->invoice != NULL)
    {
      cs_field_set_string (CS_RECORD (d), cs_record_find_field (CS_RECORD (d), "number"),
                           manifest->invoice->number);
      cs_field_set_string (CS_RECORD (d), cs_record_find_field (CS_RECORD (d), "issued_on"),
                           manifest->invoice->date);
    }
  cs_list_append (manifest->documents, d);
  expand_and_focus (self, CS_MANIFEST_N_DOCUMENTS (manifest) - 1, "number");
  return d;
}

GtkWidget *
cs_documents_page_get_row (CsDocumentsPage *self,
                           guint            index,
                           const char      *field)
{
  GtkWidget *expander;

  g_return_val_if_fail (CS_IS_DOCUMENTS_PAGE (self), NULL);
  expander = expander_at (self, index);
  return expander ? g_object_get_data (G_OBJECT (expander), field) : NULL;
}
