/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-picker.c: a searchable picker over a catalog code list */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-picker.h"
#include "cs-validator.h"

struct _CsPicker
{
  GtkWidget           parent_instance;

  GtkMenuButton      *button;
  GtkLabel           *label;
  GtkPopover         *popover;
  /* the popover's content, built when it first opens */
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *empty_label;

  CsCatalog          *catalog;
  CsPickerList        list;
  char               *code;
  char               *title;

  GListModel         *source;
  gulong              source_handler;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GHashTable         *by_code;      /* code -> CsCatalogEntry (borrowed), built lazily */
  char              **words;        /* casefolded query words */
};

G_DEFINE_FINAL_TYPE (CsPicker, cs_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_KIND,
  PROP_LIST,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- lists ------------------------------------------------------------------------------ */

GType
cs_picker_list_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { CS_PICKER_LIST_NONE, "CS_PICKER_LIST_NONE", "none" },
        { CS_PICKER_LIST_LOCODES, "CS_PICKER_LIST_LOCODES", "locodes" },
        { CS_PICKER_LIST_COUNTRIES, "CS_PICKER_LIST_COUNTRIES", "countries" },
        { CS_PICKER_LIST_CURRENCIES, "CS_PICKER_LIST_CURRENCIES", "currencies" },
        { CS_PICKER_LIST_INCOTERMS, "CS_PICKER_LIST_INCOTERMS", "incoterms" },
        { CS_PICKER_LIST_PACKAGES, "CS_PICKER_LIST_PACKAGES", "packages" },
        { CS_PICKER_LIST_UNITS, "CS_PICKER_LIST_UNITS", "units" },
        { CS_PICKER_LIST_SIZE_TYPES, "CS_PICKER_LIST_SIZE_TYPES", "size_types" },
        { CS_PICKER_LIST_HS, "CS_PICKER_LIST_HS", "hs" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("CsPickerList"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* The catalog lists shown for @list, in order; the rest of the array is UNSET. */
static void
picker_catalog_lists (CsPickerList  list,
                      CsCatalogList out[2])
{
  out[0] = out[1] = CS_CATALOG_LIST_UNSET;
  switch (list)
    {
    case CS_PICKER_LIST_LOCODES:
      out[0] = CS_CATALOG_LIST_LOCODES;
      break;
    case CS_PICKER_LIST_COUNTRIES:
      out[0] = CS_CATALOG_LIST_COUNTRIES;
      break;
    case CS_PICKER_LIST_CURRENCIES:
      out[0] = CS_CATALOG_LIST_CURRENCIES;
      break;
    case CS_PICKER_LIST_INCOTERMS:
      out[0] = CS_CATALOG_LIST_INCOTERMS;
      break;
    case CS_PICKER_LIST_PACKAGES:
      out[0] = CS_CATALOG_LIST_PACKAGES;
      break;
    case CS_PICKER_LIST_UNITS:
      out[0] = CS_CATALOG_LIST_UNITS;
      break;
    case CS_PICKER_LIST_SIZE_TYPES:
      out[0] = CS_CATALOG_LIST_SIZE_TYPES;
      break;
    case CS_PICKER_LIST_HS:
      out[0] = CS_CATALOG_LIST_HS_CHAPTERS;
      out[1] = CS_CATALOG_LIST_HS_HEADINGS;
      break;
    case CS_PICKER_LIST_NONE:
    default:
      break;
    }
}

/* A constructor's @kind as a list: a nick of CsPickerList. */
static CsPickerList
list_from_kind (const char *kind)
{
  int list;

  if (kind == NULL)
    return CS_PICKER_LIST_NONE;
  list = cs_enum_from_string (CS_TYPE_PICKER_LIST, kind);
  if (list < 0)
    {
      g_warning ("No picker list is called '%s'", kind);
      return CS_PICKER_LIST_NONE;
    }
  return list;
}

/* ---- matching ------------------------------------------------------------------------ */

static GQuark haystack_quark;

static const char *
entry_haystack (CsCatalogEntry *entry)
{
  char *h = g_object_get_qdata (G_OBJECT (entry), haystack_quark);

  if (h == NULL)
    {
      g_autofree char *joined = NULL;
      const char *parts[] = {
        cs_catalog_entry_get_code (entry),
        cs_catalog_entry_get_name (entry),
        cs_catalog_entry_get_name_zh (entry),
        cs_catalog_entry_get_detail (entry),
      };
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL)
          g_string_append_printf (s, "%s\n", parts[i]);
      joined = g_string_free (s, FALSE);
      h = g_utf8_casefold (joined, -1);
      g_object_set_qdata_full (G_OBJECT (entry), haystack_quark, h, g_free);
    }
  return h;
}

/* Casefolded words of @query; dots between digits dropped ("0808.10" -> "080810"). */
static char **
query_words (const char *query)
{
  g_autofree char *folded = g_utf8_casefold (query ? query : "", -1);
  g_auto(GStrv) parts = g_strsplit_set (g_strstrip (folded), " \t,;", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GString *w;

      if (*parts[i] == '\0')
        continue;
      w = g_string_new (NULL);
      for (const char *p = parts[i]; *p; p++)
        if (!(*p == '.' && p > parts[i] && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])))
          g_string_append_c (w, *p);
      g_ptr_array_add (out, g_string_free (w, FALSE));
    }
  if (out->len == 0)
    {
      g_ptr_array_free (out, TRUE);
      return NULL;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
words_match (CsCatalogEntry *entry,
             char          **words)
{
  const char *hay;

  if (words == NULL)
    return TRUE;
  hay = entry_haystack (entry);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (hay, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
cs_picker_entry_matches (CsCatalogEntry *entry,
                         const char     *query)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (entry), FALSE);

  words = query_words (query);
  return words_match (entry, words);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CsPicker *self = user_data;

  return words_match (item, self->words);
}

/* ---- display -------------------------------------------------------------------------- */

static gboolean
prefer_chinese (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "zh");
}

static const char *
entry_display_name (CsCatalogEntry *entry)
{
  const char *zh = cs_catalog_entry_get_name_zh (entry);
  const char *name = cs_catalog_entry_get_name (entry);

  if (prefer_chinese () && zh != NULL && *zh != '\0')
    return zh;
  return name ? name : cs_catalog_entry_get_code (entry);
}

static void
update_label (CsPicker *self)
{
  CsCatalogEntry *entry = NULL;

  if (self->code == NULL || *self->code == '\0')
    {
      /* Not dimmed: an empty picker is there to be used, not disabled. */
      gtk_label_set_text (self->label, _("Choose…"));
      return;
    }
  entry = cs_picker_lookup (self, self->code);
  gtk_label_set_text (self->label, entry ? entry_display_name (entry) : self->code);
}

static void
update_accessible (CsPicker *self)
{
  /* Translators: the accessible name of the button that opens a searchable list, e.g.
   * "Choose: Port of loading". */
  g_autofree char *label = g_strdup_printf (_("Choose: %s"), self->title ? self->title : _("code"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *sub = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_width_chars (GTK_LABEL (code), 8);
  gtk_widget_add_css_class (code, "monospace");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_set_margin_start (sub, 0);

  gtk_box_append (GTK_BOX (line), code);
  gtk_box_append (GTK_BOX (line), name);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  CsCatalogEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *line = gtk_widget_get_first_child (box);
  GtkWidget *code = gtk_widget_get_first_child (line);
  GtkWidget *name = gtk_widget_get_next_sibling (code);
  GtkWidget *sub = gtk_widget_get_next_sibling (line);
  const char *zh = cs_catalog_entry_get_name_zh (entry);
  const char *detail = cs_catalog_entry_get_detail (entry);
  g_autofree char *second = NULL;

  gtk_label_set_text (GTK_LABEL (code), cs_catalog_entry_get_code (entry));
  gtk_label_set_text (GTK_LABEL (name), cs_catalog_entry_get_name (entry));
  if (zh != NULL && *zh && detail != NULL && *detail)
    second = g_strdup_printf ("%s · %s", zh, detail);
  else
    second = g_strdup (zh != NULL && *zh ? zh : (detail ? detail : ""));
  gtk_label_set_text (GTK_LABEL (sub), second);
  gtk_widget_set_visible (sub, *second != '\0');
}

/* ---- model ------------------------------------------------------------------------------ */

static void
source_items_changed_cb (CsPicker *self)
{
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  update_label (self);
}

static void
set_source (CsPicker   *self,
            GListModel *model)
{
  if (self->source == model)
    return;
  if (self->source != NULL)
    g_clear_signal_handler (&self->source_handler, self->source);
  g_set_object (&self->source, model);
  if (model != NULL)
    self->source_handler = g_signal_connect_object (model, "items-changed",
                                                    G_CALLBACK (source_items_changed_cb),
                                                    self, G_CONNECT_SWAPPED);
  gtk_filter_list_model_set_model (self->filtered, model);
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  update_label (self);
}

static void
rebuild_source (CsPicker *self)
{
  g_autoptr(GListModel) model = NULL;
  CsCatalogList lists[2];

  picker_catalog_lists (self->list, lists);
  if (self->catalog == NULL || lists[0] == CS_CATALOG_LIST_UNSET)
    {
      set_source (self, NULL);
      return;
    }
  if (lists[1] == CS_CATALOG_LIST_UNSET)
    model = cs_catalog_get_list (self->catalog, lists[0]);
  else
    {
      GListStore *store = g_list_store_new (G_TYPE_LIST_MODEL);

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        {
          g_autoptr(GListModel) part = cs_catalog_get_list (self->catalog, lists[i]);

          if (part != NULL)
            g_list_store_append (store, part);
        }
      model = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (store)));
    }
  if (model == NULL)
    g_warning ("The catalog has no list '%s'", cs_enum_to_string (CS_TYPE_CATALOG_LIST, lists[0]));
  set_source (self, model);
}

/* ---- callbacks ---------------------------------------------------------------------------- */

static void
update_empty (CsPicker *self)
{
  if (self->empty_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                            g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0);
}

static void
on_search_changed_cb (CsPicker *self)
{
  cs_picker_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* HS chapters and headings (fewer than 6 digits) are for finding a code, not codes to use. */
static gboolean
is_partial_hs (CsPicker       *self,
               CsCatalogEntry *entry)
{
  return self->list == CS_PICKER_LIST_HS && strlen (cs_catalog_entry_get_code (entry)) < 6;
}

static void
on_search_activate_cb (CsPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  /* Enter takes the first match that is a usable code, else the first (which narrows). */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (!is_partial_hs (self, entry))
        {
          cs_picker_choose_result (self, i);
          return;
        }
    }
  if (n > 0)
    cs_picker_choose_result (self, 0);
}

static void
on_list_view_activate_cb (CsPicker *self,
                          guint     position)
{
  cs_picker_choose_result (self, position);
}

/* A page holds many pickers and the user opens few: the search entry and the list are made
 * the first time the popover opens, not with the picker. */
static void
ensure_popover_content (CsPicker *self)
{
  GtkListItemFactory *factory;
  GtkWidget *box, *scroller;

  if (self->list_view != NULL)
    return;

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Code or name, in English or Chinese"), NULL);
  gtk_search_entry_set_search_delay (self->search_entry, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      factory));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matches"), -1);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_list_view_activate_cb), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 380);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));

  self->empty_label = GTK_LABEL (gtk_label_new (_("Nothing matches")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_label));
  gtk_popover_set_child (self->popover, box);
  update_empty (self);
}

static void
on_popover_show_cb (CsPicker *self)
{
  ensure_popover_content (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cs_picker_set_search_text (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
cs_picker_dispose (GObject *object)
{
  CsPicker *self = CS_PICKER (object);

  if (self->source != NULL)
    g_clear_signal_handler (&self->source_handler, self->source);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PICKER);
  /* They went with the popover. */
  self->search_entry = NULL;
  self->list_view = NULL;
  self->empty_label = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->source);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->by_code, g_hash_table_unref);

  G_OBJECT_CLASS (cs_picker_parent_class)->dispose (object);
}

static void
cs_picker_finalize (GObject *object)
{
  CsPicker *self = CS_PICKER (object);

  g_free (self->code);
  g_free (self->title);
  g_strfreev (self->words);

  G_OBJECT_CLASS (cs_picker_parent_class)->finalize (object);
}

static void
cs_picker_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsPicker *self = CS_PICKER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_KIND:
      g_value_set_string (value, cs_enum_to_string (CS_TYPE_PICKER_LIST, self->list));
      break;
    case PROP_LIST:
      g_value_set_enum (value, self->list);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_picker_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CsPicker *self = CS_PICKER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      cs_picker_set_catalog (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      /* Construct-only, as "list"; a NULL kind leaves what "list" says. */
      if (g_value_get_string (value) != NULL)
        self->list = list_from_kind (g_value_get_string (value));
      break;
    case PROP_LIST:
      if (g_value_get_enum (value) != CS_PICKER_LIST_NONE)
        self->list = g_value_get_enum (value);
      break;
    case PROP_CODE:
      cs_picker_set_code (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_picker_constructed (GObject *object)
{
  CsPicker *self = CS_PICKER (object);

  G_OBJECT_CLASS (cs_picker_parent_class)->constructed (object);

  rebuild_source (self);
  update_label (self);
  update_accessible (self);
}

static void
cs_picker_class_init (CsPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_picker_dispose;
  object_class->finalize = cs_picker_finalize;
  object_class->get_property = cs_picker_get_property;
  object_class->set_property = cs_picker_set_property;
  object_class->constructed = cs_picker_constructed;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, CS_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The list by its nick; kept for cs_picker_new() (see list_from_kind()). */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIST] =
    g_param_spec_enum ("list", NULL, NULL, CS_TYPE_PICKER_LIST, CS_PICKER_LIST_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPicker, button);
  gtk_widget_class_bind_template_child (widget_class, CsPicker, label);
  gtk_widget_class_bind_template_child (widget_class, CsPicker, popover);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  haystack_quark = g_quark_from_static_string ("cs-picker-haystack");
}

static void
cs_picker_init (CsPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_empty), self,
                           G_CONNECT_SWAPPED);
}

/* ---- public API ---------------------------------------------------------------------------- */

GtkWidget *
cs_picker_new (CsCatalog  *catalog,
               const char *kind)
{
  g_return_val_if_fail (catalog == NULL || CS_IS_CATALOG (catalog), NULL);

  return g_object_new (CS_TYPE_PICKER, "catalog", catalog, "kind", kind, NULL);
}

GtkWidget *
cs_picker_new_for_list (CsCatalog    *catalog,
                        CsPickerList  list)
{
  g_return_val_if_fail (catalog == NULL || CS_IS_CATALOG (catalog), NULL);

  return g_object_new (CS_TYPE_PICKER, "catalog", catalog, "list", list, NULL);
}

CsPickerList
cs_picker_get_list (CsPicker *self)
{
  g_return_val_if_fail (CS_IS_PICKER (self), CS_PICKER_LIST_NONE);
  return self->list;
}

void
cs_picker_set_catalog (CsPicker  *self,
                       CsCatalog *catalog)
{
  g_return_if_fail (CS_IS_PICKER (self));
  g_return_if_fail (catalog == NULL || CS_IS_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;
  rebuild_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

void
cs_picker_set_model (CsPicker   *self,
                     GListModel *model)
{
  g_return_if_fail (CS_IS_PICKER (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  set_source (self, model);
}

const char *
cs_picker_get_code (CsPicker *self)
{
  g_return_val_if_fail (CS_IS_PICKER (self), NULL);
  return self->code;
}

void
cs_picker_set_code (CsPicker   *self,
                    const char *code)
{
  g_return_if_fail (CS_IS_PICKER (self));

  if (code != NULL && *code == '\0')
    code = NULL;
  if (g_strcmp0 (self->code, code) == 0)
    return;
  g_free (self->code);
  self->code = g_strdup (code);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

void
cs_picker_set_title (CsPicker   *self,
                     const char *title)
{
  g_return_if_fail (CS_IS_PICKER (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
}

CsCatalogEntry *
cs_picker_lookup (CsPicker   *self,
                  const char *code)
{
  CsCatalogEntry *entry;

  g_return_val_if_fail (CS_IS_PICKER (self), NULL);

  if (code == NULL || self->source == NULL)
    return NULL;
  if (self->by_code == NULL)
    {
      guint n = g_list_model_get_n_items (self->source);

      self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CsCatalogEntry) e = g_list_model_get_item (self->source, i);
          const char *c = cs_catalog_entry_get_code (e);

          /* Entries live as long as the list that holds them. */
          if (c != NULL && !g_hash_table_contains (self->by_code, c))
            g_hash_table_insert (self->by_code, (gpointer) c, e);
        }
    }

  entry = g_hash_table_lookup (self->by_code, code);
  if (entry == NULL && self->list == CS_PICKER_LIST_HS)
    {
      /* HS codes: the longest listed prefix of the digits ("8703.80.10" -> 870380). */
      char digits[32];
      guint n = 0;

      for (const char *p = code; *p && n < sizeof digits - 1; p++)
        if (g_ascii_isdigit (*p))
          digits[n++] = *p;
      digits[n] = '\0';
      while (entry == NULL && n >= 2)
        {
          digits[n] = '\0';
          entry = g_hash_table_lookup (self->by_code, digits);
          n--;
        }
    }
  return entry;
}

void
cs_picker_set_search_text (CsPicker   *self,
                           const char *text)
{
  g_auto(GStrv) old = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  g_autofree char *old_joined = NULL;
  g_autofree char *new_joined = NULL;

  g_return_if_fail (CS_IS_PICKER (self));

  old = g_steal_pointer (&self->words);
  self->words = query_words (text);

  old_joined = old ? g_strjoinv (" ", old) : g_strdup ("");
  new_joined = self->words ? g_strjoinv (" ", self->words) : g_strdup ("");
  if (g_strcmp0 (old_joined, new_joined) == 0)
    return;
  if (g_str_has_prefix (new_joined, old_joined))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (old_joined, new_joined))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_empty (self);
}

GListModel *
cs_picker_get_results (CsPicker *self)
{
  g_return_val_if_fail (CS_IS_PICKER (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
cs_picker_choose_result (CsPicker *self,
                         guint     position)
{
  g_autoptr(CsCatalogEntry) entry = NULL;

  g_return_if_fail (CS_IS_PICKER (self));

  entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (entry == NULL)
    return;
  /* An HS chapter or heading is not a code customs accepts (6 to 10 digits): choosing one
   * narrows the list to what is below it instead. */
  if (is_partial_hs (self, entry))
    {
      if (self->search_entry != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), cs_catalog_entry_get_code (entry));
          gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
        }
      cs_picker_set_search_text (self, cs_catalog_entry_get_code (entry));
      return;
    }
  cs_picker_set_code (self, cs_catalog_entry_get_code (entry));
  gtk_popover_popdown (self->popover);
}

void
cs_picker_popup (CsPicker *self)
{
  g_return_if_fail (CS_IS_PICKER (self));
  gtk_menu_button_popup (self->button);
}

void
cs_picker_popdown (CsPicker *self)
{
  g_return_if_fail (CS_IS_PICKER (self));
  gtk_menu_button_popdown (self->button);
}

/* ---- row form -------------------------------------------------------------------------------- */

static gboolean
text_to_code (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_autofree char *s = g_strstrip (g_strdup (g_value_get_string (from) ? g_value_get_string (from) : ""));

  g_value_set_string (to, *s ? s : NULL);
  return TRUE;
}

static gboolean
code_to_text (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  GObject *row = g_binding_dup_source (binding);
  const char *code = g_value_get_string (from);
  g_autofree char *current = NULL;
  gboolean changed;

  /* Leave the text alone when it already says this code (spaces, half-typed). */
  g_object_get (row, "text", &current, NULL);
  g_strstrip (current);
  changed = g_strcmp0 (current, code ? code : "") != 0;
  g_object_unref (row);
  if (!changed)
    return FALSE;
  g_value_set_string (to, code ? code : "");
  return TRUE;
}

static void
popup_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       picker)
{
  cs_picker_popup (picker);
}

/* One Tab stop per row: the text. The list opens from it with Alt+Down or F4 (or a click on
 * the button, which Tab skips). */
static void
install_popup_shortcut (GtkWidget *row,
                        CsPicker  *picker)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) popup = g_simple_action_new ("popup", NULL);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *toggle = gtk_widget_get_first_child (GTK_WIDGET (picker->button));

  g_signal_connect_object (popup, "activate", G_CALLBACK (popup_activated), picker, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (popup));
  gtk_widget_insert_action_group (row, "picker", G_ACTION_GROUP (group));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_F4, 0)),
                                                          gtk_named_action_new ("picker.popup")));
  gtk_widget_add_controller (row, shortcuts);
  if (toggle != NULL)
    gtk_widget_set_focusable (toggle, FALSE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (picker->button), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (picker->button), _("Search the list (Alt+Down)"));
}

static void
row_title_changed_cb (CsFieldRow *row,
                      GParamSpec *pspec,
                      CsPicker   *picker)
{
  cs_picker_set_title (picker, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

CsPicker *
cs_picker_row_attach (CsFieldRow   *row,
                      CsCatalog    *catalog,
                      CsPickerList  list)
{
  GtkWidget *picker;

  g_return_val_if_fail (CS_IS_FIELD_ROW (row), NULL);
  g_return_val_if_fail (cs_picker_row_get_picker (row) == NULL, NULL);

  picker = cs_picker_new_for_list (catalog, list);
  cs_picker_set_title (CS_PICKER (picker), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_signal_connect_object (row, "notify::title", G_CALLBACK (row_title_changed_cb), picker, 0);
  cs_field_row_add_suffix (row, picker);
  install_popup_shortcut (GTK_WIDGET (row), CS_PICKER (picker));
  g_object_set_data (G_OBJECT (row), "cs-picker", picker);
  g_object_bind_property_full (row, "text", picker, "code",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               text_to_code, code_to_text, NULL, NULL);
  return CS_PICKER (picker);
}

GtkWidget *
cs_picker_row_new (const char *title,
                   CsCatalog  *catalog,
                   const char *kind)
{
  return g_object_new (CS_TYPE_FIELD_ROW, "title", title, "field", "", "catalog", catalog,
                       "picker-list", list_from_kind (kind), NULL);
}

void
cs_picker_row_bind (CsFieldRow   *row,
                    CsRecord     *record,
                    const char   *field,
                    const char   *json_path,
                    CsValidation *validation)
{
  g_return_if_fail (CS_IS_FIELD_ROW (row));
  g_return_if_fail (field != NULL);

  cs_field_row_set_field (row, field);
  cs_field_row_bind (row, record, json_path, validation);
}

CsPicker *
cs_picker_row_get_picker (CsFieldRow *row)
{
  g_return_val_if_fail (CS_IS_FIELD_ROW (row), NULL);
  return g_object_get_data (G_OBJECT (row), "cs-picker");
}
