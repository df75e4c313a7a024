/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-containers-page.c: the Containers page (list with weight bars, detail of one box) */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-checkdigit.h"
#include "cs-choice-row.h"
#include "cs-container-row.h"
#include "cs-containers-page.h"
#include "cs-input.h"
#include "cs-editor-page.h"
#include "cs-field-row.h"
#include "cs-format.h"
#include "cs-picker.h"
#include "cs-weight-bar.h"

typedef struct
{
  double goods_kg;
  guint  n_lines;
} Load;

struct _CsContainersPage
{
  CsEditorPage         parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkStack            *detail_stack;
  AdwPreferencesGroup *box_group;
  AdwPreferencesGroup *reefer_group;
  CsWeightBar         *load_bar;
  GtkLabel            *load_label;
  GtkLabel            *lines_label;
  CsFieldRow          *number_row;

  GPtrArray           *rows;       /* the template's field and choice rows, in order */
  GtkWidget           *check_label;

  gulong               changed_handler;
  GtkSingleSelection  *selection;

  GHashTable          *loads;      /* container number -> Load */
  guint                load_timeout;
  GHashTable          *bound;      /* GtkListItem -> itself, rows on screen */

  CsContainer         *removed;
  guint                removed_at;
};

G_DEFINE_FINAL_TYPE (CsContainersPage, cs_containers_page, CS_TYPE_EDITOR_PAGE)

/* ---- loads ------------------------------------------------------------------------------------- */

static void
compute_loads (CsContainersPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  guint n;

  g_hash_table_remove_all (self->loads);
  if (manifest == NULL)
    return;
  n = cs_list_length (manifest->items);
  for (guint i = 0; i < n; i++)
    {
      CsItem *item = cs_list_index (manifest->items, i);
      guint n_splits = cs_list_length (item->splits);
      double gross = cs_num_is_set (item->gross_kg) ? item->gross_kg : 0;

      if (item->container != NULL && n_splits == 0)
        {
          Load *l = g_hash_table_lookup (self->loads, item->container);
          if (l == NULL)
            g_hash_table_insert (self->loads, item->container, (l = g_new0 (Load, 1)));
          l->goods_kg += gross;
          l->n_lines++;
        }
      for (guint k = 0; k < n_splits; k++)
        {
          CsSplit *s = cs_list_index (item->splits, k);
          double count = item->packages ? item->packages->count : NAN;
          Load *l;

          if (s->container == NULL)
            continue;
          if ((l = g_hash_table_lookup (self->loads, s->container)) == NULL)
            g_hash_table_insert (self->loads, s->container, (l = g_new0 (Load, 1)));
          if (cs_num_is_set (s->packages) && cs_num_is_set (count) && count > 0)
            l->goods_kg += gross * s->packages / count;
          l->n_lines++;
        }
    }
}

static double
box_limit (CsContainersPage *self,
           CsContainer      *box)
{
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));
  if (cs_num_is_set (box->max_gross_kg))
    return box->max_gross_kg;
  if (box->size_type != NULL && context != NULL)
    {
      const CsSizeType *st = cs_catalog_get_size_type (cs_context_get_catalog (context), box->size_type);
      if (st != NULL && cs_num_is_set (st->max_gross_kg))
        return st->max_gross_kg;
    }
  return NAN;
}

static double
box_gross (CsContainersPage *self,
           CsContainer      *box,
           guint            *n_lines)
{
  Load *l = box->number ? g_hash_table_lookup (self->loads, box->number) : NULL;
  double tare = cs_num_is_set (box->tare_kg) ? box->tare_kg : 0;

  if (n_lines != NULL)
    *n_lines = l ? l->n_lines : 0;
  if (l == NULL && !cs_num_is_set (box->tare_kg))
    return NAN;
  return tare + (l ? l->goods_kg : 0);
}

/* ---- list rows ----------------------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CsContainersPage         *self)
{
  gtk_list_item_set_child (list_item, cs_container_row_new ());
}

static void
render_row (CsContainersPage *self,
            GtkListItem      *list_item)
{
  CsContainer *c = gtk_list_item_get_item (list_item);
  guint n_lines;
  double gross;

  if (c == NULL)
    return;
  gross = box_gross (self, c, &n_lines);
  cs_container_row_show (CS_CONTAINER_ROW (gtk_list_item_get_child (list_item)), c, gross,
                         box_limit (self, c), n_lines);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CsContainersPage         *self)
{
  g_hash_table_add (self->bound, list_item);
  render_row (self, list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CsContainersPage         *self)
{
  g_hash_table_remove (self->bound, list_item);
}

static void
refresh_rows (CsContainersPage *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    render_row (self, key);
}

/* ---- detail --------------------------------------------------------------------------------------- */

static void
update_load (CsContainersPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsContainer *c = cs_containers_page_get_selected (self);
  double gross, limit;
  guint n_lines;
  GString *lines;
  g_autofree char *text = NULL;

  if (c == NULL)
    return;
  gross = box_gross (self, c, &n_lines);
  limit = box_limit (self, c);
  cs_weight_bar_set_values (self->load_bar, gross, limit);
  if (cs_num_is_set (gross) && cs_num_is_set (limit) && gross > limit)
    {
      g_autofree char *over = cs_format_decimal (gross - limit, 0);

      /* Translators: a container's weight text, then how much it is over its limit */
      text = g_strdup_printf (_("%s: %s kg over the limit"), cs_weight_bar_get_text (self->load_bar), over);
    }
  else
    text = g_strdup (cs_weight_bar_get_text (self->load_bar));
  gtk_label_set_text (self->load_label, text);

  lines = g_string_new (NULL);
  if (c->number != NULL && manifest != NULL)
    {
      guint n = cs_list_length (manifest->items), shown = 0;

      for (guint i = 0; i < n && shown <= 20; i++)
        {
          CsItem *item = cs_list_index (manifest->items, i);
          gboolean here = g_strcmp0 (item->container, c->number) == 0;

          for (guint k = 0; !here && k < cs_list_length (item->splits); k++)
            here = g_strcmp0 (((CsSplit *) cs_list_index (item->splits, k))->container, c->number) == 0;
          if (!here)
            continue;
          if (shown++ == 20)
            {
              g_string_append (lines, " …");
              break;
            }
          g_string_append_printf (lines, "%s%s", lines->len ? ", " : "",
                                  item->description ? item->description : "?");
        }
    }
  {
    g_autofree char *s = lines->len
      ? g_strdup_printf (ngettext ("%u line: %s", "%u lines: %s", n_lines), n_lines, lines->str)
      : g_strdup (_("No lines are packed in this container yet."));
    gtk_label_set_text (self->lines_label, s);
  }
  g_string_free (lines, TRUE);
}

static gboolean
load_timeout_cb (gpointer data)
{
  CsContainersPage *self = data;

  self->load_timeout = 0;
  compute_loads (self);
  refresh_rows (self);
  update_load (self);
  return G_SOURCE_REMOVE;
}

static void
queue_loads (CsContainersPage *self)
{
  if (self->load_timeout == 0)
    self->load_timeout = g_timeout_add (150, load_timeout_cb, self);
}

static void
update_check_note (CsContainersPage *self)
{
  GtkWidget *row = GTK_WIDGET (self->number_row);
  g_autofree char *text = g_ascii_strup (g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)))), -1);
  gsize len = strlen (text);
  g_autofree char *note = NULL;
  const char *klass = "dim-label";
  int digit = len >= 10 ? cs_iso6346_check_digit (text) : -1;

  if (len == 0)
    note = g_strdup ("");
  else if (digit < 0 || len > 11)
    {
      note = g_strdup (_("4 letters, 7 digits"));
      klass = "error";
    }
  else if (len == 10)
    note = g_strdup_printf (_("Check digit: %d"), digit);
  else if (text[10] == '0' + digit)
    {
      note = g_strdup (_("Check digit correct"));
      klass = "success";
    }
  else
    {
      note = g_strdup_printf (_("Should end in %d"), digit);
      klass = "error";
    }
  gtk_label_set_text (GTK_LABEL (self->check_label), note);
  gtk_widget_remove_css_class (self->check_label, "dim-label");
  gtk_widget_remove_css_class (self->check_label, "error");
  gtk_widget_remove_css_class (self->check_label, "success");
  gtk_widget_add_css_class (self->check_label, klass);
}

static const CsSizeType *
size_type_of (CsContainersPage *self,
              CsContainer      *box)
{
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));

  if (box == NULL || box->size_type == NULL || context == NULL)
    return NULL;
  return cs_catalog_get_size_type (cs_context_get_catalog (context), box->size_type);
}

/* The Reefer group only for a reefer box, or one whose type is not known yet, or one that
 * already has reefer settings. */
static void
update_reefer_group (CsContainersPage *self)
{
  CsContainer *c = cs_containers_page_get_selected (self);
  const CsSizeType *st = size_type_of (self, c);

  gtk_widget_set_visible (GTK_WIDGET (self->reefer_group),
                          c == NULL || st == NULL || st->reefer || c->reefer != NULL);
}

static const char *
row_field (GtkWidget *row)
{
  return CS_IS_FIELD_ROW (row) ? cs_field_row_get_field (CS_FIELD_ROW (row))
                               : cs_choice_row_get_field (CS_CHOICE_ROW (row));
}

static void
bind_detail (CsContainersPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  CsContainer *c = cs_containers_page_get_selected (self);
  int index = c && manifest ? cs_list_find (manifest->containers, c) : -1;

  if (index < 0)
    c = NULL;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      g_autofree char *path = c ? g_strdup_printf ("containers[%d].%s", index, row_field (row)) : NULL;

      if (CS_IS_CHOICE_ROW (row))
        cs_choice_row_bind (CS_CHOICE_ROW (row), CS_RECORD (c), path, validation);
      else
        cs_field_row_bind (CS_FIELD_ROW (row), CS_RECORD (c), path, validation);
    }
  if (c != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Container %d"), index + 1);
      adw_preferences_group_set_title (self->box_group, title);
    }
  gtk_stack_set_visible_child_name (self->detail_stack, c ? "detail" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "containers.remove", c != NULL);
  update_check_note (self);
  update_load (self);
  update_reefer_group (self);
}

static void
update_count (CsContainersPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  guint n = manifest ? cs_list_length (manifest->containers) : 0;
  g_autofree char *text = g_strdup_printf (ngettext ("%u container", "%u containers", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n ? "list" : "empty");
}

static void
manifest_changed_cb (CsContainersPage *self,
                     CsRecord         *origin,
                     const char       *field)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));

  /* A size type gives the box's typical tare and maximum gross (the catalog's, from the ISO
   * 6346 type): filled where empty, and editable, since the box's CSC plate wins. */
  if (CS_IS_CONTAINER (origin) && g_strcmp0 (field, "size_type") == 0)
    {
      CsContainer *box = CS_CONTAINER (origin);
      const CsSizeType *st = size_type_of (self, box);

      if (st != NULL && !cs_num_is_set (box->tare_kg) && cs_num_is_set (st->tare_kg))
        cs_record_set_number (origin, "tare_kg", st->tare_kg);
      if (st != NULL && !cs_num_is_set (box->max_gross_kg) && cs_num_is_set (st->max_gross_kg))
        cs_record_set_number (origin, "max_gross_kg", st->max_gross_kg);
      update_reefer_group (self);
    }
  if (CS_IS_CONTAINER (origin) || CS_IS_REEFER (origin))
    refresh_rows (self);
  if (origin == CS_RECORD (manifest) && g_strcmp0 (field, "containers") == 0)
    update_count (self);
  queue_loads (self);
}

/* ---- actions -------------------------------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(CsContainer) c = NULL;

  if (manifest == NULL)
    return;
  c = cs_container_new ();
  cs_list_append (manifest->containers, c);
  cs_containers_page_select (self, cs_list_length (manifest->containers) - 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
}

guint
cs_containers_page_add_numbers (CsContainersPage *self,
                                const char       *text,
                                guint            *n_known)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(GPtrArray) numbers = cs_container_numbers_in_text (text);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint known = 0;

  if (manifest == NULL)
    return 0;
  for (guint i = 0; i < numbers->len; i++)
    {
      const char *number = numbers->pdata[i];
      gboolean present = FALSE;

      for (guint k = 0; k < CS_MANIFEST_N_CONTAINERS (manifest) && !present; k++)
        present = g_strcmp0 (CS_MANIFEST_CONTAINER (manifest, k)->number, number) == 0;
      for (guint k = 0; k < added->len && !present; k++)
        present = g_strcmp0 (CS_CONTAINER (added->pdata[k])->number, number) == 0;
      if (present)
        {
          known++;
          continue;
        }
      g_ptr_array_add (added, cs_container_new ());
      cs_field_set_string (CS_RECORD (added->pdata[added->len - 1]),
                           cs_record_find_field (CS_RECORD (added->pdata[added->len - 1]), "number"),
                           number);
    }
  /* One splice: one undo step, one revalidation. */
  if (added->len > 0)
    cs_list_splice (manifest->containers, CS_MANIFEST_N_CONTAINERS (manifest), 0, added->pdata,
                    added->len);
  if (n_known != NULL)
    *n_known = known;
  return added->len;
}

static void
on_paste_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      CsContainersPage *self)
{
  GtkWidget *scroller = adw_message_dialog_get_extra_child (dialog);
  GtkTextView *view = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  guint n_added, n_known = 0;

  if (g_strcmp0 (response, "add") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  n_added = cs_containers_page_add_numbers (self, text, &n_known);
  if (n_added == 0 && n_known == 0)
    message = g_strdup (_("No container numbers found: they look like CSQU3054383"));
  else if (n_known == 0)
    message = g_strdup_printf (g_dngettext (NULL, "%u container added", "%u containers added", n_added),
                               n_added);
  else
    message = g_strdup_printf (g_dngettext (NULL, "%u container added, %u already listed",
                                            "%u containers added, %u already listed", n_added),
                               n_added, n_known);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (widget);
  GtkWidget *dialog, *view, *scroller;

  if (cs_editor_page_get_manifest (CS_EDITOR_PAGE (self)) == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Add Containers"),
                                   _("Paste or type the container numbers, from a booking or a "
                                     "spreadsheet column: one or many per line."));
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Container numbers"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_paste_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(CsContainer) c = g_steal_pointer (&self->removed);
  guint at;

  if (c == NULL || manifest == NULL || cs_record_get_parent (CS_RECORD (c)) != NULL)
    return;
  at = MIN (self->removed_at, cs_list_length (manifest->containers));
  cs_list_insert (manifest->containers, at, c);
  cs_containers_page_select (self, at);
}

static void
remove_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsContainer *c = cs_containers_page_get_selected (self);
  int index;
  AdwToast *toast;

  if (c == NULL || (index = cs_list_find (manifest->containers, c)) < 0)
    return;
  g_set_object (&self->removed, c);
  self->removed_at = index;
  cs_list_remove (manifest->containers, index);
  toast = c->number ? adw_toast_new_format (_("Container %s removed"), c->number)
                    : adw_toast_new (_("Container removed"));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "containers.undo-remove");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- GObject ---------------------------------------------------------------------------------------- */

/* What the template cannot say: the catalog of the size/type picker (known once the page has
 * its context) and the live check-digit note after the number. */
static void
setup_rows (CsContainersPage *self)
{
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));

  cs_form_collect_rows (GTK_WIDGET (self->box_group), 0, self->rows);
  cs_form_collect_rows (GTK_WIDGET (self->reefer_group), 0, self->rows);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (context != NULL && CS_IS_FIELD_ROW (row) && cs_picker_row_get_picker (CS_FIELD_ROW (row)) != NULL)
        cs_field_row_set_catalog (CS_FIELD_ROW (row), cs_context_get_catalog (context));
    }

  self->check_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->check_label, "caption");
  cs_field_row_add_suffix (self->number_row, self->check_label);
  g_signal_connect_object (self->number_row, "notify::text", G_CALLBACK (update_check_note), self,
                           G_CONNECT_SWAPPED);
}

static void
cs_containers_page_manifest_changed (CsEditorPage *page,
                                     CsManifest   *old)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (page);
  CsManifest *manifest = cs_editor_page_get_manifest (page);

  if (old != NULL)
    g_clear_signal_handler (&self->changed_handler, old);
  g_clear_object (&self->removed);
  if (manifest != NULL)
    self->changed_handler = g_signal_connect_object (manifest, "changed", G_CALLBACK (manifest_changed_cb),
                                                     self, G_CONNECT_SWAPPED);
  g_hash_table_remove_all (self->loads);
  gtk_single_selection_set_model (self->selection, manifest ? G_LIST_MODEL (manifest->containers) : NULL);
  if (self->check_label != NULL)
    bind_detail (self);
  update_count (self);
  queue_loads (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "containers.add", manifest != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "containers.paste", manifest != NULL);
}

static void
cs_containers_page_validation_changed (CsEditorPage *page,
                                       CsValidation *old)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (page);

  if (self->check_label != NULL)
    bind_detail (self);
}

static gboolean
cs_containers_page_real_focus_path (CsEditorPage *page,
                                    const char   *json_path)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (page);
  g_autofree char *field = NULL;
  char *end, *bracket;
  guint64 index;
  GtkWidget *row;

  if (cs_editor_page_get_manifest (page) == NULL || !g_str_has_prefix (json_path, "containers["))
    return FALSE;
  index = g_ascii_strtoull (json_path + 11, &end, 10);
  if (*end != ']' || !cs_containers_page_select (self, (guint) index))
    return FALSE;
  if (end[1] != '.')
    return gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
  field = g_strdup (end + 2);
  if ((bracket = strchr (field, '[')) != NULL)
    *bracket = '\0';
  if ((row = cs_containers_page_get_row (self, field)) == NULL)
    {
      /* "reefer" alone, or a field without a row: the first row of its group. */
      row = g_str_has_prefix (field, "reefer") ? cs_containers_page_get_row (self, "reefer.setpoint_c")
                                               : GTK_WIDGET (self->number_row);
    }
  return gtk_widget_grab_focus (row);
}

static void
cs_containers_page_dispose (GObject *object)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (object);

  cs_editor_page_dispose_template (CS_EDITOR_PAGE (self), CS_TYPE_CONTAINERS_PAGE);
  g_clear_handle_id (&self->load_timeout, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->removed);

  G_OBJECT_CLASS (cs_containers_page_parent_class)->dispose (object);
}

static void
cs_containers_page_finalize (GObject *object)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (object);

  g_hash_table_unref (self->loads);
  g_hash_table_unref (self->bound);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (cs_containers_page_parent_class)->finalize (object);
}

static void
cs_containers_page_constructed (GObject *object)
{
  CsContainersPage *self = CS_CONTAINERS_PAGE (object);

  G_OBJECT_CLASS (cs_containers_page_parent_class)->constructed (object);
  setup_rows (self);
  bind_detail (self);
  update_count (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "containers.add", FALSE);
}

static void
cs_containers_page_class_init (CsContainersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsEditorPageClass *page_class = CS_EDITOR_PAGE_CLASS (klass);

  object_class->dispose = cs_containers_page_dispose;
  object_class->finalize = cs_containers_page_finalize;
  object_class->constructed = cs_containers_page_constructed;
  page_class->manifest_changed = cs_containers_page_manifest_changed;
  page_class->validation_changed = cs_containers_page_validation_changed;
  page_class->focus_path = cs_containers_page_real_focus_path;

  g_type_ensure (CS_TYPE_WEIGHT_BAR);
  g_type_ensure (CS_TYPE_FIELD_ROW);
  g_type_ensure (CS_TYPE_CHOICE_ROW);
  g_type_ensure (CS_TYPE_VGM_METHOD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-containers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, box_group);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, reefer_group);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, load_bar);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, load_label);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, lines_label);
  gtk_widget_class_bind_template_child (widget_class, CsContainersPage, number_row);

  gtk_widget_class_install_action (widget_class, "containers.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "containers.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "containers.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "containers.undo-remove", NULL, undo_remove_action);
}

static void
cs_containers_page_init (CsContainersPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->loads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->bound = g_hash_table_new (NULL, NULL);
  self->rows = g_ptr_array_new ();

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (bind_detail), self,
                           G_CONNECT_SWAPPED);
}

/* ---- public API --------------------------------------------------------------------------------------- */

GtkWidget *
cs_containers_page_new (CsContext *context)
{
  return g_object_new (CS_TYPE_CONTAINERS_PAGE, "context", context, NULL);
}

void
cs_containers_page_set_manifest (CsContainersPage *self,
                                 CsManifest       *manifest)
{
  g_return_if_fail (CS_IS_CONTAINERS_PAGE (self));
  cs_editor_page_set_manifest (CS_EDITOR_PAGE (self), manifest);
}

CsManifest *
cs_containers_page_get_manifest (CsContainersPage *self)
{
  g_return_val_if_fail (CS_IS_CONTAINERS_PAGE (self), NULL);
  return cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
}

void
cs_containers_page_set_validation (CsContainersPage *self,
                                   CsValidation     *validation)
{
  g_return_if_fail (CS_IS_CONTAINERS_PAGE (self));
  cs_editor_page_set_validation (CS_EDITOR_PAGE (self), validation);
}

CsContainer *
cs_containers_page_get_selected (CsContainersPage *self)
{
  g_return_val_if_fail (CS_IS_CONTAINERS_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
cs_containers_page_select (CsContainersPage *self,
                           guint             index)
{
  CsManifest *manifest;

  g_return_val_if_fail (CS_IS_CONTAINERS_PAGE (self), FALSE);

  manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  if (manifest == NULL || index >= cs_list_length (manifest->containers))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, index);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", index);
  return TRUE;
}

GtkWidget *
cs_containers_page_get_row (CsContainersPage *self,
                            const char       *field)
{
  g_return_val_if_fail (CS_IS_CONTAINERS_PAGE (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (row_field (g_ptr_array_index (self->rows, i)), field) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

const char *
cs_containers_page_get_check_note (CsContainersPage *self)
{
  g_return_val_if_fail (CS_IS_CONTAINERS_PAGE (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->check_label));
}

void
cs_containers_page_get_load (CsContainersPage *self,
                             double           *gross_kg,
                             double           *limit_kg,
                             guint            *n_lines)
{
  CsContainer *c;

  g_return_if_fail (CS_IS_CONTAINERS_PAGE (self));
  if (self->load_timeout != 0)
    {
      g_clear_handle_id (&self->load_timeout, g_source_remove);
      load_timeout_cb (self);
    }
  c = cs_containers_page_get_selected (self);
  *gross_kg = c ? box_gross (self, c, n_lines) : NAN;
  *limit_kg = c ? box_limit (self, c) : NAN;
}

gboolean
cs_containers_page_focus_path (CsContainersPage *self,
                               const char       *json_path)
{
  g_return_val_if_fail (CS_IS_CONTAINERS_PAGE (self), FALSE);
  return cs_editor_page_focus_path (CS_EDITOR_PAGE (self), json_path);
}
