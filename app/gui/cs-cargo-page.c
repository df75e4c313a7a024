/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cargo-page.c: the Cargo page (items table, filter, line actions, detail pane) */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-cargo-page.h"
#include "cs-editor-page.h"
#include "cs-format.h"
#include "cs-import-dialog.h"
#include "cs-item-pane.h"

typedef enum
{
  COL_LINE,
  COL_CATEGORY,
  COL_DESCRIPTION,
  COL_HS,
  COL_QUANTITY,
  COL_PACKAGES,
  COL_NET,
  COL_GROSS,
  COL_VALUE,
  COL_CONTAINER,
  N_COLS
} ColumnId;

/* The columns themselves (titles, factories, sorters) are declared in ui/cs-cargo-page.ui;
 * what a template cannot say about their cells is here. */
typedef struct
{
  const char *name;      /* the GtkColumnViewColumn's id in the template */
  int         nat_chars;
  float       xalign;
} ColumnSpec;

static const ColumnSpec column_specs[N_COLS] = {
  [COL_LINE]        = { "col_line", 5, 1.0 },
  [COL_CATEGORY]    = { "col_category", 10, 0.0 },
  [COL_DESCRIPTION] = { "col_description", 28, 0.0 },
  [COL_HS]          = { "col_hs", 10, 0.0 },
  [COL_QUANTITY]    = { "col_quantity", 8, 1.0 },
  [COL_PACKAGES]    = { "col_packages", 8, 1.0 },
  [COL_NET]         = { "col_net", 9, 1.0 },
  [COL_GROSS]       = { "col_gross", 9, 1.0 },
  [COL_VALUE]       = { "col_value", 11, 1.0 },
  [COL_CONTAINER]   = { "col_container", 12, 0.0 },
};

typedef struct
{
  ColumnId             id;
  GtkColumnViewColumn *column;   /* template child */
} ColumnData;

struct _CsCargoPage
{
  CsEditorPage        parent_instance;

  AdwToastOverlay    *toast_overlay;
  GtkLabel           *count_label;
  GtkSearchEntry     *filter_entry;
  GtkDropDown        *category_filter;
  GtkPaned           *paned;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkWidget          *item_pane;

  gulong              changed_handler;
  gulong              items_handler;
  gulong              validation_handler;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  char               *filter_text;     /* lower case, NULL = none */
  const char         *filter_category; /* interned, NULL = all */

  ColumnData          cols[N_COLS];
  GHashTable         *bound;           /* GtkListItem -> ColumnData, the cells on screen */
  GHashTable         *flagged;         /* CsItem -> worst severity + 1, from validation */
  guint               flag_idle;

  guint               value_decimals;  /* the manifest currency's minor units */
  CsItem             *removed;         /* for the toast's Undo */
  guint               removed_at;
  CsImportDialog     *import_dialog;   /* weak: the open import dialog */
  CsItem             *vin_target;      /* the vehicle line its VINs would go to */
};

G_DEFINE_FINAL_TYPE (CsCargoPage, cs_cargo_page, CS_TYPE_EDITOR_PAGE)

static const char * const category_titles[] = {
  NC_("category", "Vehicle"), NC_("category", "Electronics"), NC_("category", "Machinery"),
  NC_("category", "Perishable"), NC_("category", "General"), NULL
};

static const char *
category_title (const char *category)
{
  for (guint i = 0; cs_categories[i] != NULL; i++)
    if (g_strcmp0 (cs_categories[i], category) == 0)
      return g_dpgettext2 (NULL, "category", category_titles[i]);
  return category ? category : "";
}

/* ---- cells ----------------------------------------------------------------------------------- */

static const char *
item_container (CsItem *item)
{
  if (item->container != NULL)
    return item->container;
  if (cs_list_length (item->splits) > 0)
    return ((CsSplit *) cs_list_index (item->splits, 0))->container;
  return NULL;
}

/* @text (a formatted number, freed here) copied into @buf. */
static const char *
take_num (char  *buf,
          gsize  size,
          char  *text)
{
  g_strlcpy (buf, text, size);
  g_free (text);
  return buf;
}

static const char *
cell_text (CsCargoPage *self,
           CsItem      *item,
           ColumnId     col,
           char        *buf,
           gsize        size)
{
  switch (col)
    {
    case COL_LINE:
      /* a line number is a name: no grouping */
      buf[0] = '\0';
      if (cs_num_is_set (item->line))
        g_snprintf (buf, size, "%.0f", item->line);
      return buf;
    case COL_CATEGORY:
      return category_title (item->category);
    case COL_DESCRIPTION:
      return item->description;
    case COL_HS:
      return item->hs_code;
    case COL_QUANTITY:
      return take_num (buf, size, cs_format_quantity (item->quantity));
    case COL_PACKAGES:
      if (item->packages == NULL)
        return NULL;
      take_num (buf, size, cs_format_decimal (item->packages->count, 0));
      if (buf[0] && item->packages->type)
        {
          gsize n = strlen (buf);
          g_snprintf (buf + n, size - n, " %s", item->packages->type);
        }
      return buf;
    case COL_NET:
      return take_num (buf, size, cs_format_decimal (item->net_kg, CS_FORMAT_KG_DECIMALS));
    case COL_GROSS:
      return take_num (buf, size, cs_format_decimal (item->gross_kg, CS_FORMAT_KG_DECIMALS));
    case COL_VALUE:
      return take_num (buf, size, cs_format_decimal (item->value, self->value_decimals));
    case COL_CONTAINER:
      if (cs_list_length (item->splits) > 1)
        {
          g_snprintf (buf, size, "%s +%u", item_container (item) ? item_container (item) : "",
                      cs_list_length (item->splits) - 1);
          return buf;
        }
      return item_container (item);
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
render_cell (CsCargoPage *self,
             GtkListItem *list_item,
             ColumnId     col)
{
  CsItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *inscription = child;
  char buf[128];
  const char *text;

  if (item == NULL)
    return;
  if (col == COL_LINE)
    {
      GtkWidget *badge = gtk_widget_get_first_child (child);
      int flag = self->flagged ? GPOINTER_TO_INT (g_hash_table_lookup (self->flagged, item)) : 0;

      inscription = gtk_widget_get_next_sibling (badge);
      gtk_widget_set_visible (badge, flag > 0);
      if (flag > 0)
        {
          gboolean error = flag - 1 == CS_SEVERITY_ERROR;

          gtk_image_set_from_icon_name (GTK_IMAGE (badge),
                                        error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
          gtk_widget_remove_css_class (badge, error ? "warning" : "error");
          gtk_widget_add_css_class (badge, error ? "error" : "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          error ? _("Has errors") : _("Has warnings"), -1);
        }
    }
  text = cell_text (self, item, col, buf, sizeof buf);
  /* Never NULL: GTK 4.8's accessible text of an inscription runs g_utf8_strlen () on it, and
   * a screen reader reading an empty cell would log two criticals per cell. */
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text != NULL ? text : "");
}

/* The column whose cells @factory makes. */
static ColumnData *
column_data (CsCargoPage        *self,
             GtkListItemFactory *factory)
{
  for (guint i = 0; i < N_COLS; i++)
    if (gtk_column_view_column_get_factory (self->cols[i].column) == factory)
      return &self->cols[i];
  g_return_val_if_reached (NULL);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CsCargoPage              *self)
{
  ColumnData *data = column_data (self, GTK_LIST_ITEM_FACTORY (factory));
  const ColumnSpec *spec;
  GtkWidget *inscription;

  g_return_if_fail (data != NULL);
  spec = &column_specs[data->id];
  inscription = gtk_inscription_new ("");
  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), spec->xalign);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), spec->nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (inscription, TRUE);
  if (data->id >= COL_QUANTITY && data->id <= COL_VALUE)
    gtk_widget_add_css_class (inscription, "numeric");

  if (data->id == COL_LINE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *badge = gtk_image_new ();

      gtk_widget_set_visible (badge, FALSE);
      gtk_box_append (GTK_BOX (box), badge);
      gtk_box_append (GTK_BOX (box), inscription);
      gtk_list_item_set_child (list_item, box);
    }
  else
    gtk_list_item_set_child (list_item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CsCargoPage              *self)
{
  ColumnData *data = column_data (self, GTK_LIST_ITEM_FACTORY (factory));

  g_return_if_fail (data != NULL);
  g_hash_table_insert (self->bound, list_item, data);
  render_cell (self, list_item, data->id);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CsCargoPage              *self)
{
  g_hash_table_remove (self->bound, list_item);
}

static void
refresh_cells (CsCargoPage *self,
               CsItem      *only)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (only == NULL || gtk_list_item_get_item (key) == (gpointer) only)
      render_cell (self, key, ((ColumnData *) value)->id);
}

/* ---- sorting --------------------------------------------------------------------------------- */

/* Keys of the GtkNumericSorters, closures of the template (@item is the expression's this, the
 * value a property lookup, @unused the page): empty cells sort first. */
static double
sort_number (CsItem   *item,
             double    value,
             gpointer  unused)
{
  return cs_num_is_set (value) ? value : -INFINITY;
}

static double
sort_packages (CsItem   *item,
               gpointer  unused)
{
  return sort_number (item, item && item->packages ? item->packages->count : NAN, unused);
}

/* Keys of the GtkStringSorters: never NULL, GTK 4.8's sorter casefolds the key without a check
 * (a GLib-CRITICAL per empty cell); an empty cell sorts first. */
static char *
sort_text (CsItem     *item,
           const char *text,
           gpointer    unused)
{
  return g_strdup (text != NULL ? text : "");
}

/* The Container column's key: the first container, as the cell shows it. */
static char *
sort_container (CsItem   *item,
                gpointer  unused)
{
  return sort_text (item, item ? item_container (item) : NULL, unused);
}

/* ---- filtering ------------------------------------------------------------------------------- */

static gboolean
contains_ci (const char *hay,
             const char *needle)   /* @needle lower case */
{
  gsize n;

  if (hay == NULL)
    return FALSE;
  n = strlen (needle);
  for (; *hay; hay++)
    if (g_ascii_tolower (*hay) == needle[0] && g_ascii_strncasecmp (hay, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  CsCargoPage *self = user_data;
  CsItem *item = object;
  const char *q = self->filter_text;

  if (self->filter_category != NULL && item->category != self->filter_category)
    return FALSE;
  if (q == NULL)
    return TRUE;
  if (contains_ci (item->description, q) || contains_ci (item->hs_code, q) ||
      contains_ci (item->container, q) || contains_ci (item->marks, q) ||
      contains_ci (item->origin_country, q) || contains_ci (category_title (item->category), q))
    return TRUE;
  if (item->vehicle != NULL && item->vehicle->vins != NULL)
    for (guint i = 0; item->vehicle->vins[i] != NULL; i++)
      if (contains_ci (item->vehicle->vins[i], q))
        return TRUE;
  for (guint i = 0; i < cs_list_length (item->splits); i++)
    if (contains_ci (((CsSplit *) cs_list_index (item->splits, i))->container, q))
      return TRUE;
  return FALSE;
}

static void
update_count (CsCargoPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  guint total = manifest ? cs_list_length (manifest->items) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u line", "%u lines", total), total);
  else
    /* Translators: lines shown by the filter, of all lines */
    text = g_strdup_printf (ngettext ("%u of %u line", "%u of %u lines", total), shown, total);
  gtk_label_set_text (self->count_label, text);

  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
apply_filter (CsCargoPage *self,
              gboolean     more_strict)
{
  gboolean active = self->filter_text != NULL || self->filter_category != NULL;

  if (!active)
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  else if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter),
                        more_strict ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_filter_changed_cb (CsCargoPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  guint cat = gtk_drop_down_get_selected (self->category_filter);

  cs_cargo_page_set_filter (self, text,
                            cat > 0 && cat <= g_strv_length ((char **) cs_categories)
                              ? cs_categories[cat - 1] : NULL);
}

/* ---- validation badges ---------------------------------------------------------------------- */

static gboolean
rebuild_flags_idle (gpointer data)
{
  CsCargoPage *self = data;
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  g_autoptr(GPtrArray) findings = validation ? cs_validation_find (validation, "items") : NULL;
  guint n = findings ? findings->len : 0;
  guint n_items = manifest ? cs_list_length (manifest->items) : 0;

  self->flag_idle = 0;
  g_hash_table_remove_all (self->flagged);
  for (guint i = 0; i < n && n_items > 0; i++)
    {
      CsFinding *f = g_ptr_array_index (findings, i);
      char *end;
      guint64 idx;
      CsItem *item;
      int old;

      if (f->path == NULL || !g_str_has_prefix (f->path, "items[") || f->severity == CS_SEVERITY_INFO)
        continue;
      idx = g_ascii_strtoull (f->path + 6, &end, 10);
      if (*end != ']' || idx >= n_items)
        continue;
      item = cs_list_index (manifest->items, (guint) idx);
      old = GPOINTER_TO_INT (g_hash_table_lookup (self->flagged, item));
      if (old == 0 || (int) f->severity + 1 < old)
        g_hash_table_insert (self->flagged, item, GINT_TO_POINTER ((int) f->severity + 1));
    }
  refresh_cells (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
queue_flags (CsCargoPage *self)
{
  if (self->flag_idle == 0)
    self->flag_idle = g_idle_add_full (G_PRIORITY_LOW, rebuild_flags_idle, self, NULL);
}

/* ---- selection and the detail pane ------------------------------------------------------------ */

static void
update_pane (CsCargoPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  CsItem *item = gtk_single_selection_get_selected_item (self->selection);
  int index = item && manifest ? cs_list_find (manifest->items, item) : -1;

  if (index < 0)
    item = NULL;
  cs_item_pane_set_item (CS_ITEM_PANE (self->item_pane), item, MAX (index, 0), validation);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.duplicate-line", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.remove-line", item != NULL);
}

static void
items_changed_cb (CsCargoPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsItem *item = cs_item_pane_get_item (CS_ITEM_PANE (self->item_pane));

  /* The pane's paths name the item's index: rebind when it moved. */
  if (item != NULL && manifest != NULL)
    {
      int index = cs_list_find (manifest->items, item);
      g_autofree char *path = g_strdup_printf ("items[%d].description", index);
      GtkWidget *row = cs_item_pane_get_row (CS_ITEM_PANE (self->item_pane), "description");

      if (index >= 0 && g_strcmp0 (cs_field_row_get_json_path (CS_FIELD_ROW (row)), path) != 0)
        update_pane (self);
    }
  update_count (self);
}

/* TRUE when the Value column's decimals changed with the manifest's currency. */
static gboolean
update_value_decimals (CsCargoPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsCatalog *catalog = cs_context_get_catalog (cs_editor_page_get_context (CS_EDITOR_PAGE (self)));
  guint decimals = cs_format_money_decimals (catalog, manifest ? manifest->currency : NULL);

  if (decimals == self->value_decimals)
    return FALSE;
  self->value_decimals = decimals;
  return TRUE;
}

static void
manifest_changed_cb (CsCargoPage *self,
                     CsRecord    *origin,
                     const char  *field)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsRecord *r = origin;
  CsRecord *p;

  if (origin == CS_RECORD (manifest) && g_strcmp0 (field, "currency") == 0 &&
      update_value_decimals (self))
    refresh_cells (self, NULL);

  while ((p = cs_record_get_parent (r)) != NULL && p != CS_RECORD (manifest))
    r = p;
  if (p != NULL && CS_IS_ITEM (r))
    refresh_cells (self, CS_ITEM (r));
}

static void
validation_changed_cb (CsCargoPage *self)
{
  queue_flags (self);
}

/* ---- actions ---------------------------------------------------------------------------------- */

static double
next_line (CsCargoPage *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  double max = 0;
  guint n = cs_list_length (manifest->items);

  for (guint i = 0; i < n; i++)
    {
      CsItem *it = cs_list_index (manifest->items, i);
      if (cs_num_is_set (it->line) && it->line > max)
        max = it->line;
    }
  return max + 1;
}

static GtkWidget *
inner_list_view (GtkColumnView *view)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      return c;
  return NULL;
}

static void
add_line_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  CsCargoPage *self = CS_CARGO_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(CsItem) item = NULL;
  GtkWidget *row;

  if (manifest == NULL)
    return;
  item = cs_item_new ();
  cs_field_set_number (CS_RECORD (item), cs_record_find_field (CS_RECORD (item), "line"),
                       next_line (self));
  cs_field_set_string (CS_RECORD (item), cs_record_find_field (CS_RECORD (item), "category"),
                       self->filter_category ? self->filter_category : "general");
  cs_list_append (manifest->items, item);
  cs_cargo_page_select_item (self, item);
  row = cs_item_pane_get_row (CS_ITEM_PANE (self->item_pane), "description");
  gtk_widget_grab_focus (row);
}

static void
duplicate_line_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  CsCargoPage *self = CS_CARGO_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsItem *item = cs_cargo_page_get_selected (self);
  g_autoptr(CsItem) copy = NULL;
  int index;

  if (item == NULL || (index = cs_list_find (manifest->items, item)) < 0)
    return;
  copy = CS_ITEM (cs_record_copy (CS_RECORD (item)));
  cs_field_set_number (CS_RECORD (copy), cs_record_find_field (CS_RECORD (copy), "line"),
                       next_line (self));
  /* What must be unique is not copied: VINs and serial numbers, and their containers. */
  cs_item_forget_identities (copy);
  cs_list_insert (manifest->items, index + 1, copy);
  cs_cargo_page_select_item (self, copy);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CsCargoPage *self = CS_CARGO_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  g_autoptr(CsItem) item = g_steal_pointer (&self->removed);

  if (item == NULL || manifest == NULL || cs_record_get_parent (CS_RECORD (item)) != NULL)
    return;
  cs_list_insert (manifest->items, MIN (self->removed_at, cs_list_length (manifest->items)), item);
  cs_cargo_page_select_item (self, item);
}

static void
remove_line_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CsCargoPage *self = CS_CARGO_PAGE (widget);
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  CsItem *item = cs_cargo_page_get_selected (self);
  AdwToast *toast;
  int index;

  if (item == NULL || (index = cs_list_find (manifest->items, item)) < 0)
    return;
  g_set_object (&self->removed, item);
  self->removed_at = index;
  cs_list_remove (manifest->items, index);

  if (cs_num_is_set (self->removed->line))
    toast = adw_toast_new_format (_("Line %.0f removed"), self->removed->line);
  else
    toast = adw_toast_new (_("Line removed"));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "cargo.undo-remove");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Import: the import dialog (cs-import-dialog.h) reads the file, maps its columns and dry-runs
 * the import on a worker; when the user presses Import it hands over what the dry run built, and
 * the page adds it in one change (one undo step). */

static void
append_items (CsCargoPage *self,
              GPtrArray   *items)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  double line = next_line (self);

  for (guint i = 0; i < items->len; i++)
    {
      CsItem *it = g_ptr_array_index (items, i);

      if (!cs_num_is_set (it->line))
        cs_field_set_number (CS_RECORD (it), cs_record_find_field (CS_RECORD (it), "line"), line++);
      else if (it->line >= line)
        line = it->line + 1;
    }
  /* One splice: one change, one undo step, one items-changed. */
  cs_list_splice (manifest->items, cs_list_length (manifest->items), 0,
                  items->pdata, items->len);
}

static void
import_cb (CsImportDialog *dialog,
           guint           kind,
           GPtrArray      *items,
           GStrv           vins,
           CsCargoPage    *self)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  AdwToast *toast;

  if (manifest == NULL)
    return;
  if (kind == CS_TABLE_KIND_VINS)
    {
      CsItem *item = self->vin_target;
      GStrv old;
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) all = NULL;

      if (item == NULL || vins == NULL || cs_list_find (manifest->items, item) < 0)
        return;
      old = item->vehicle ? item->vehicle->vins : NULL;
      if (old != NULL)
        g_strv_builder_addv (b, (const char **) old);
      g_strv_builder_addv (b, (const char **) vins);
      all = g_strv_builder_end (b);
      cs_record_set_strv (cs_record_ensure_record (CS_RECORD (item), "vehicle"), "vins",
                          (const char * const *) all);
      toast = adw_toast_new_format (ngettext ("%u VIN imported", "%u VINs imported",
                                              g_strv_length (vins)), g_strv_length (vins));
    }
  else
    {
      if (items == NULL)
        return;
      append_items (self, items);
      toast = adw_toast_new_format (ngettext ("%u line imported", "%u lines imported", items->len),
                                    items->len);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_dialog_closed_cb (CsCargoPage *self)
{
  g_clear_weak_pointer (&self->import_dialog);
}

/* The dialog (a new one, or the one open), offering the VINs of the selected line when it is a
 * vehicle line, and set to them with @vins. */
static CsImportDialog *
open_import_dialog (CsCargoPage *self,
                    gboolean     vins)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CsItem *item = cs_cargo_page_get_selected (self);
  g_autofree char *name = NULL;
  CsImportDialog *dialog;

  if (self->import_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->import_dialog));
      return self->import_dialog;
    }
  if (item != NULL && g_strcmp0 (item->category, "vehicle") != 0)
    item = NULL;
  if (item != NULL && cs_num_is_set (item->line))
    /* Translators: the vehicle line a VIN list goes to: its number and description */
    name = g_strdup_printf (_("line %.0f, %s"), item->line, item->description ? item->description : "");
  else if (item != NULL)
    name = g_strdup (item->description ? item->description : _("the selected line"));
  g_set_object (&self->vin_target, item);
  dialog = cs_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, name);
  /* its dry run reports VINs this draft already has, on their rows */
  cs_import_dialog_set_draft (dialog, cs_editor_page_get_manifest (CS_EDITOR_PAGE (self)));
  if (vins && item != NULL)
    cs_import_dialog_set_kind (dialog, CS_TABLE_KIND_VINS);
  g_signal_connect_object (dialog, "import", G_CALLBACK (import_cb), self, 0);
  g_set_weak_pointer (&self->import_dialog, dialog);
  /* closed (hidden by gtk_window_destroy ()) means gone, even while a reference keeps it */
  g_signal_connect_object (dialog, "hide", G_CALLBACK (import_dialog_closed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  cs_import_dialog_choose_file (open_import_dialog (CS_CARGO_PAGE (widget), FALSE));
}

static void
import_vins_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  cs_import_dialog_choose_file (open_import_dialog (CS_CARGO_PAGE (widget), TRUE));
}

/* ---- GObject ------------------------------------------------------------------------------------ */

static void
cs_cargo_page_manifest_changed (CsEditorPage *page,
                                CsManifest   *old)
{
  CsCargoPage *self = CS_CARGO_PAGE (page);
  CsManifest *manifest = cs_editor_page_get_manifest (page);

  if (old != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, old);
      g_clear_signal_handler (&self->items_handler, old->items);
    }
  g_clear_object (&self->removed);
  if (manifest != NULL)
    {
      self->changed_handler = g_signal_connect_object (manifest, "changed",
                                                       G_CALLBACK (manifest_changed_cb), self,
                                                       G_CONNECT_SWAPPED);
      self->items_handler = g_signal_connect_object (manifest->items, "items-changed",
                                                     G_CALLBACK (items_changed_cb), self,
                                                     G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  g_hash_table_remove_all (self->flagged);
  update_value_decimals (self);
  gtk_filter_list_model_set_model (self->filtered, manifest ? G_LIST_MODEL (manifest->items) : NULL);
  update_pane (self);
  update_count (self);
  queue_flags (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.add-line", manifest != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.import", manifest != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.import-vins", manifest != NULL);
}

static void
cs_cargo_page_validation_changed (CsEditorPage *page,
                                  CsValidation *old)
{
  CsCargoPage *self = CS_CARGO_PAGE (page);
  CsValidation *validation = cs_editor_page_get_validation (page);

  if (old != NULL)
    g_clear_signal_handler (&self->validation_handler, old);
  if (validation != NULL)
    self->validation_handler = g_signal_connect_object (validation, "items-changed",
                                                        G_CALLBACK (validation_changed_cb), self,
                                                        G_CONNECT_SWAPPED);
  if (self->item_pane != NULL)
    update_pane (self);
  queue_flags (self);
}

static gboolean
cs_cargo_page_real_focus_path (CsEditorPage *page,
                               const char   *json_path)
{
  CsCargoPage *self = CS_CARGO_PAGE (page);
  CsManifest *manifest = cs_editor_page_get_manifest (page);
  char *end;
  guint64 index;
  CsItem *item;

  if (manifest == NULL || !g_str_has_prefix (json_path, "items["))
    return FALSE;
  index = g_ascii_strtoull (json_path + 6, &end, 10);
  if (*end != ']' || index >= cs_list_length (manifest->items))
    return FALSE;
  item = cs_list_index (manifest->items, (guint) index);
  if (!cs_cargo_page_select_item (self, item))
    return FALSE;
  if (end[1] == '.')
    return cs_item_pane_focus_path (CS_ITEM_PANE (self->item_pane), end + 2);
  return gtk_widget_grab_focus (cs_item_pane_get_row (CS_ITEM_PANE (self->item_pane), "description"));
}

static void
cs_cargo_page_dispose (GObject *object)
{
  CsCargoPage *self = CS_CARGO_PAGE (object);

  cs_editor_page_dispose_template (CS_EDITOR_PAGE (self), CS_TYPE_CARGO_PAGE);
  g_clear_handle_id (&self->flag_idle, g_source_remove);
  if (self->import_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->import_dialog));
  g_clear_weak_pointer (&self->import_dialog);
  g_clear_object (&self->vin_target);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->removed);

  G_OBJECT_CLASS (cs_cargo_page_parent_class)->dispose (object);
}

static void
cs_cargo_page_finalize (GObject *object)
{
  CsCargoPage *self = CS_CARGO_PAGE (object);

  g_hash_table_unref (self->bound);
  g_hash_table_unref (self->flagged);
  g_free (self->filter_text);

  G_OBJECT_CLASS (cs_cargo_page_parent_class)->finalize (object);
}

static void
cs_cargo_page_constructed (GObject *object)
{
  CsCargoPage *self = CS_CARGO_PAGE (object);
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));

  G_OBJECT_CLASS (cs_cargo_page_parent_class)->constructed (object);

  self->item_pane = cs_item_pane_new (context);
  gtk_paned_set_end_child (self->paned, self->item_pane);
  update_pane (self);
  update_count (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.add-line", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cargo.import-vins", FALSE);
}

static void
cs_cargo_page_class_init (CsCargoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsEditorPageClass *page_class = CS_EDITOR_PAGE_CLASS (klass);

  object_class->dispose = cs_cargo_page_dispose;
  object_class->finalize = cs_cargo_page_finalize;
  object_class->constructed = cs_cargo_page_constructed;
  page_class->manifest_changed = cs_cargo_page_manifest_changed;
  page_class->validation_changed = cs_cargo_page_validation_changed;
  page_class->focus_path = cs_cargo_page_real_focus_path;

  g_type_ensure (CS_TYPE_ITEM);   /* the sorters' <lookup type="CsItem"> */
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-cargo-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsCargoPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsCargoPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CsCargoPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CsCargoPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, CsCargoPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CsCargoPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CsCargoPage, column_view);
  for (guint i = 0; i < N_COLS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, column_specs[i].name, FALSE,
                                               G_STRUCT_OFFSET (CsCargoPage, cols)
                                               + i * sizeof (ColumnData)
                                               + G_STRUCT_OFFSET (ColumnData, column));
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_cell_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_cell_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cell_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_number);
  gtk_widget_class_bind_template_callback (widget_class, sort_packages);
  gtk_widget_class_bind_template_callback (widget_class, sort_text);
  gtk_widget_class_bind_template_callback (widget_class, sort_container);

  gtk_widget_class_install_action (widget_class, "cargo.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "cargo.duplicate-line", NULL, duplicate_line_action);
  gtk_widget_class_install_action (widget_class, "cargo.remove-line", NULL, remove_line_action);
  gtk_widget_class_install_action (widget_class, "cargo.undo-remove", NULL, undo_remove_action);
  gtk_widget_class_install_action (widget_class, "cargo.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "cargo.import-vins", NULL, import_vins_action);
}

static void
cs_cargo_page_init (CsCargoPage *self)
{
  g_autoptr(GtkStringList) cats = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound = g_hash_table_new (NULL, NULL);
  self->flagged = g_hash_table_new (NULL, NULL);
  self->value_decimals = 2;

  gtk_string_list_append (cats, _("All categories"));
  for (guint i = 0; category_titles[i] != NULL; i++)
    gtk_string_list_append (cats, g_dpgettext2 (NULL, "category", category_titles[i]));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (cats));
  gtk_search_entry_set_search_delay (self->filter_entry, 120);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, NULL);
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  for (guint i = 0; i < N_COLS; i++)
    self->cols[i].id = i;
  g_object_bind_property (self->column_view, "sorter", self->sorted, "sorter", G_BINDING_SYNC_CREATE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (update_pane), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
}

/* ---- public API ---------------------------------------------------------------------------------- */

GtkWidget *
cs_cargo_page_new (CsContext *context)
{
  return g_object_new (CS_TYPE_CARGO_PAGE, "context", context, NULL);
}

void
cs_cargo_page_set_manifest (CsCargoPage *self,
                            CsManifest  *manifest)
{
  g_return_if_fail (CS_IS_CARGO_PAGE (self));
  cs_editor_page_set_manifest (CS_EDITOR_PAGE (self), manifest);
}

CsManifest *
cs_cargo_page_get_manifest (CsCargoPage *self)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), NULL);
  return cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
}

void
cs_cargo_page_set_validation (CsCargoPage  *self,
                              CsValidation *validation)
{
  g_return_if_fail (CS_IS_CARGO_PAGE (self));
  cs_editor_page_set_validation (CS_EDITOR_PAGE (self), validation);
}

CsValidation *
cs_cargo_page_get_validation (CsCargoPage *self)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), NULL);
  return cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
}

void
cs_cargo_page_set_filter (CsCargoPage *self,
                          const char  *text,
                          const char  *category)
{
  g_autofree char *lower = NULL;
  gboolean more_strict;
  const char *cat;

  g_return_if_fail (CS_IS_CARGO_PAGE (self));

  if (text != NULL)
    {
      lower = g_ascii_strdown (g_strstrip (g_strdup (text)), -1);
      if (*lower == '\0')
        g_clear_pointer (&lower, g_free);
    }
  cat = category ? g_intern_string (category) : NULL;
  if (g_strcmp0 (lower, self->filter_text) == 0 && cat == self->filter_category)
    return;

  more_strict = (self->filter_category == NULL || self->filter_category == cat) &&
                (self->filter_text == NULL || (lower && strstr (lower, self->filter_text)));
  g_free (self->filter_text);
  self->filter_text = g_steal_pointer (&lower);
  self->filter_category = cat;

  /* Keep the entry and the drop-down in step when called from code. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), text ? text : "") != 0 &&
      !(text == NULL && *gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)) == '\0'))
    gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text ? text : "");
  {
    guint want = 0;
    for (guint i = 0; cat && cs_categories[i] != NULL; i++)
      if (cs_categories[i] == cat || strcmp (cs_categories[i], cat) == 0)
        want = i + 1;
    if (gtk_drop_down_get_selected (self->category_filter) != want)
      gtk_drop_down_set_selected (self->category_filter, want);
  }
  apply_filter (self, more_strict);
}

GListModel *
cs_cargo_page_get_rows (CsCargoPage *self)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

GtkColumnView *
cs_cargo_page_get_column_view (CsCargoPage *self)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), NULL);
  return self->column_view;
}

CsItem *
cs_cargo_page_get_selected (CsCargoPage *self)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

GtkWidget *
cs_cargo_page_get_item_pane (CsCargoPage *self)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), NULL);
  return self->item_pane;
}

static guint
position_in_view (CsCargoPage *self,
                  CsItem      *item)
{
  CsManifest *manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  GListModel *rows = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (rows);
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (self->sorted);

  /* Without filter and sort the view is the list itself. */
  if (gtk_filter_list_model_get_filter (self->filtered) == NULL &&
      (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE))
    {
      int i = cs_list_find (manifest->items, item);
      return i < 0 ? GTK_INVALID_LIST_POSITION : (guint) i;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsItem) it = g_list_model_get_item (rows, i);
      if (it == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

gboolean
cs_cargo_page_select_item (CsCargoPage *self,
                           CsItem      *item)
{
  CsManifest *manifest;
  guint pos;
  GtkWidget *list;

  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), FALSE);

  manifest = cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
  if (manifest == NULL || item == NULL || cs_list_find (manifest->items, item) < 0)
    return FALSE;
  if (gtk_filter_list_model_get_filter (self->filtered) != NULL && !filter_func (item, self))
    cs_cargo_page_set_filter (self, NULL, NULL);
  pos = position_in_view (self, item);
  if (pos == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, pos);
  if ((list = inner_list_view (self->column_view)) != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", pos);
  return TRUE;
}

gboolean
cs_cargo_page_focus_path (CsCargoPage *self,
                          const char  *json_path)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), FALSE);
  return cs_editor_page_focus_path (CS_EDITOR_PAGE (self), json_path);
}

void
cs_cargo_page_import_file (CsCargoPage *self,
                           GFile       *file,
                           gboolean     vins)
{
  g_return_if_fail (CS_IS_CARGO_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  cs_import_dialog_set_file (open_import_dialog (self, vins), file);
}

CsImportDialog *
cs_cargo_page_get_import_dialog (CsCargoPage *self)
{
  g_return_val_if_fail (CS_IS_CARGO_PAGE (self), NULL);
  return self->import_dialog;
}
