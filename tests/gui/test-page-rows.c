/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-page-rows.c: the form rows of the Containers page and of the line pane, as the user meets
 * them
 *
 * Both forms are declared in their templates. Walking each widget tree in order (the order Tab
 * follows) must give the rows below: their title, the field they edit, the unit after the text,
 * the list their picker searches, the words of a choice, and, for the line pane, which groups
 * show for which category. Each document of the Documents page has its kind, in the catalog's
 * words, and its fields. The Directory window's entry dialog has its party rows in their groups
 * and a product's own fields in order. Choices write the stored value of the word chosen (the VGM method a
 * number, the category its JSON string), switch rows a boolean.
 */

#include "config.h"

#include "cs-choice-row.h"
#include "cs-containers-page.h"
#include "cs-directory-window.h"
#include "cs-documents-page.h"
#include "cs-gui-test.h"
#include "cs-item-pane.h"
#include "cs-picker.h"
#include "cs-vin-editor.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

typedef struct
{
  const char *field;
  const char *title;        /* NULL for a VIN editor, which has none */
  const char *unit;         /* a text after the field's text */
  const char *picker;       /* the CsPickerList nick of its picker */
  const char *choices;      /* the words of a choice row after "Not set", joined with '|' */
} Expected;

/* The rows under @widget in tree order: field, choice and switch rows and VIN editors. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *out)
{
  if (CS_IS_FIELD_ROW (widget) || CS_IS_CHOICE_ROW (widget) || CS_IS_SWITCH_ROW (widget) ||
      CS_IS_VIN_EDITOR (widget))
    {
      g_ptr_array_add (out, widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, out);
}

static char *
choice_words (GtkWidget *row)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  GString *out = g_string_new (NULL);

  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Not set");
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (out, "%s%s", i > 1 ? "|" : "", gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_string_free (out, FALSE);
}

/* @rows (tree order) are @expected, and @get_row finds each by its field. */
static void
check_rows (GPtrArray      *rows,
            const Expected *expected,
            guint           n_expected,
            GtkWidget    *(*get_row) (gpointer, const char *),
            gpointer        owner)
{
  g_assert_cmpuint (rows->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const Expected *e = &expected[i];
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_auto(GStrv) texts = cs_gui_test_collect_texts (row);

      g_test_message ("row %u: %s", i, e->field);
      g_assert_true (get_row (owner, e->field) == row);
      if (e->title != NULL)
        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, e->title);
      if (e->unit != NULL)
        g_assert_true (g_strv_contains ((const char * const *) texts, e->unit));
      if (CS_IS_FIELD_ROW (row))
        {
          CsPicker *picker = cs_picker_row_get_picker (CS_FIELD_ROW (row));
          g_autoptr(GEnumClass) lists = g_type_class_ref (CS_TYPE_PICKER_LIST);

          g_assert_cmpstr (cs_field_row_get_field (CS_FIELD_ROW (row)), ==, e->field);
          if (e->picker == NULL)
            g_assert_null (picker);
          else
            {
              g_assert_nonnull (picker);
              g_assert_cmpstr (g_enum_get_value (lists, cs_picker_get_list (picker))->value_nick, ==, e->picker);
              /* The catalog reached the picker: it lists something. */
              cs_picker_set_search_text (picker, "");
              g_assert_cmpuint (g_list_model_get_n_items (cs_picker_get_results (picker)), >, 0);
            }
        }
      else
        g_assert_null (e->picker);
      if (CS_IS_CHOICE_ROW (row))
        {
          g_autofree char *words = choice_words (row);

          g_assert_cmpstr (cs_choice_row_get_field (CS_CHOICE_ROW (row)), ==, e->field);
          g_assert_cmpstr (words, ==, e->choices);
        }
      else
        g_assert_null (e->choices);
    }
}

static GtkWidget *
find_button_by_tooltip (GtkWidget  *root,
                        const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_by_tooltip (c, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- the Containers page ------------------------------------------------------------------ */

static const Expected container_rows[] = {
  { "number", "Container number", NULL, NULL, NULL },
  { "size_type", "Size and type", NULL, "size_types", NULL },
  { "seals", "Seals", NULL, NULL, NULL },
  { "tare_kg", "Tare", "kg", NULL, NULL },
  { "max_gross_kg", "Maximum gross", "kg", NULL, NULL },
  { "vgm_kg", "Verified gross mass (VGM)", "kg", NULL, NULL },
  { "vgm_method", "VGM method", NULL, NULL, "Method 1: weighed|Method 2: calculated" },
  { "reefer.setpoint_c", "Set point", "°C", NULL, NULL },
  { "reefer.humidity_pct", "Humidity", "%", NULL, NULL },
  { "reefer.vent_cmh", "Ventilation", "m³/h", NULL, NULL },
};

static GtkWidget *
containers_row (gpointer    page,
                const char *field)
{
  return cs_containers_page_get_row (CS_CONTAINERS_PAGE (page), field);
}

static void
test_containers_rows (void)
{
  g_autoptr(CsManifest) manifest = NULL;
  g_autoptr(CsValidation) validation = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CsContainer *box;
  GtkWidget *page, *window, *row, *seals;

  NEED_DISPLAY ();
  manifest = cs_gui_test_load ("railsea-electronics.json");
  validation = cs_validation_new (cs_context_get_catalog (store.context));
  cs_validation_set_manifest (validation, manifest);
  page = cs_containers_page_new (store.context);
  window = cs_gui_test_present (page, 1000, 700);
  g_object_set (page, "manifest", manifest, "validation", validation, NULL);
  cs_gui_test_spin ();
  box = CS_MANIFEST_CONTAINER (manifest, 0);
  g_assert_true (cs_containers_page_get_selected (CS_CONTAINERS_PAGE (page)) == box);

  /* Every row of the detail, in order; the reefer rows in the Reefer group. */
  collect_rows (cs_gui_test_find_widget (page, ADW_TYPE_PREFERENCES_PAGE), rows);
  check_rows (rows, container_rows, G_N_ELEMENTS (container_rows), containers_row, page);
  row = containers_row (page, "reefer.setpoint_c");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                     gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))), ==, "Reefer");
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (row)), ==, "containers[0].reefer.setpoint_c");
  seals = containers_row (page, "seals");
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (cs_field_row_get_text_widget (CS_FIELD_ROW (seals)))),
                   ==, "Separate with commas");
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (cs_field_row_get_text_widget (
                     CS_FIELD_ROW (containers_row (page, "number"))))), ==, "CSQU3054383");
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (containers_row (page, "vgm_method")),
                                   "Method 1: the packed container weighed"));

  /* The VGM method: the words shown, the number stored, and back. */
  row = containers_row (page, "vgm_method");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpfloat (box->vgm_method, ==, 2);
  cs_record_set_number (CS_RECORD (box), "vgm_method", 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_false (cs_num_is_set (box->vgm_method));

  /* A unit row edits its number; the size/type picker its code. */
  gtk_editable_set_text (GTK_EDITABLE (containers_row (page, "tare_kg")), "3900");
  g_assert_cmpfloat (box->tare_kg, ==, 3900);
  cs_picker_set_code (cs_picker_row_get_picker (CS_FIELD_ROW (containers_row (page, "size_type"))), "45R1");
  g_assert_cmpstr (box->size_type, ==, "45R1");

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* ---- the line pane ------------------------------------------------------------------------- */

static const Expected item_rows[] = {
  { "category", "Category", NULL, NULL, "Vehicle|Electronics|Machinery|Perishable|General cargo" },
  { "description", "Description", NULL, NULL, NULL },
  { "hs_code", "HS code", NULL, "hs", NULL },
  { "quantity", "Quantity", NULL, NULL, NULL },
  { "unit", "Unit", NULL, "units", NULL },
  { "packages.count", "Packages", NULL, NULL, NULL },
  { "packages.type", "Package type", NULL, "packages", NULL },
  { "net_kg", "Net weight", "kg", NULL, NULL },
  { "gross_kg", "Gross weight", "kg", NULL, NULL },
  { "volume_m3", "Volume", "m³", NULL, NULL },
  { "value", "Value", NULL, NULL, NULL },
  { "origin_country", "Country of origin", NULL, "countries", NULL },
  { "marks", "Marks and numbers", NULL, NULL, NULL },
  { "container", "Container", NULL, NULL, NULL },
  { "vehicle.vins", NULL, NULL, NULL, NULL },
  { "vehicle.make", "Make", NULL, NULL, NULL },
  { "vehicle.model", "Model", NULL, NULL, NULL },
  { "vehicle.model_year", "Model year", NULL, NULL, NULL },
  { "vehicle.powertrain", "Powertrain", NULL, NULL,
    "Combustion engine (ICE)|Hybrid (HEV)|Plug-in hybrid (PHEV)|Battery electric (BEV)|Fuel cell (FCEV)" },
  { "vehicle.condition", "Condition", NULL, NULL, "New|Used" },
  { "vehicle.battery_kwh", "Battery capacity", "kWh", NULL, NULL },
  { "electronics.battery", "Battery", NULL, NULL,
    "No battery|Contained in equipment|Packed with equipment|Batteries on their own" },
  { "electronics.chemistry", "Battery chemistry", NULL, NULL, "Lithium ion|Lithium metal|Sodium ion" },
  { "electronics.wh_per_unit", "Energy per unit", "Wh", NULL, NULL },
  /* A group lists its rows, then the other widgets given to it. */
  { "machinery.dual_use", "Dual-use item", NULL, NULL, NULL },
  { "machinery.licence_no", "Export licence number", NULL, NULL, NULL },
  { "machinery.serials", NULL, NULL, NULL, NULL },
  { "perishable.product", "Product", NULL, NULL, NULL },
  { "perishable.temp_min_c", "Lowest temperature", "°C", NULL, NULL },
  { "perishable.temp_max_c", "Highest temperature", "°C", NULL, NULL },
  { "perishable.frozen", "Frozen", NULL, NULL, NULL },
  { "perishable.shelf_life_days", "Shelf life", "days", NULL, NULL },
  { "perishable.packed_on", "Packed on", NULL, NULL, NULL },
  { "perishable.humidity_pct", "Relative humidity", "%", NULL, NULL },
  { "perishable.ethylene", "Ethylene", NULL, NULL, "Produces ethylene|Sensitive to ethylene|Neither" },
  { "dg.un_number", "UN number", NULL, NULL, NULL },
  { "dg.class", "Hazard class", NULL, NULL, NULL },
  { "dg.packing_group", "Packing group", NULL, NULL, NULL },
  { "dg.proper_shipping_name", "Proper shipping name", NULL, NULL, NULL },
};

static GtkWidget *
item_row (gpointer    pane,
          const char *field)
{
  if (g_strcmp0 (field, "vehicle.vins") == 0)
    return cs_item_pane_get_vin_editor (CS_ITEM_PANE (pane));
  return cs_item_pane_get_row (CS_ITEM_PANE (pane), field);
}

static gboolean
group_shown (GtkWidget  *pane,
             const char *field)
{
  return gtk_widget_get_visible (gtk_widget_get_ancestor (item_row (pane, field), ADW_TYPE_PREFERENCES_GROUP));
}

static void
test_item_rows (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *pane, *window, *row;

  NEED_DISPLAY ();
  pane = cs_item_pane_new (store.context);
  window = cs_gui_test_present (pane, 800, 600);
  cs_item_pane_set_item (CS_ITEM_PANE (pane), item, 4, NULL);
  cs_gui_test_spin ();

  /* (The splits' rows are made per split: there is none yet.) */
  collect_rows (cs_gui_test_find_widget (pane, ADW_TYPE_PREFERENCES_PAGE), rows);
  check_rows (rows, item_rows, G_N_ELEMENTS (item_rows), item_row, pane);
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (item_row (pane, "dg.class"))), ==, "items[4].dg.class");
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (cs_field_row_get_text_widget (
                     CS_FIELD_ROW (item_row (pane, "perishable.packed_on"))))), ==, "YYYY-MM-DD");

  /* The category decides which blocks show. */
  g_assert_false (group_shown (pane, "vehicle.make"));
  row = item_row (pane, "category");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 4);   /* "Perishable" */
  g_assert_cmpstr (item->category, ==, "perishable");
  g_assert_true (group_shown (pane, "perishable.product"));
  g_assert_false (group_shown (pane, "vehicle.make"));
  g_assert_false (group_shown (pane, "electronics.battery"));
  g_assert_false (group_shown (pane, "machinery.licence_no"));
  g_assert_true (group_shown (pane, "dg.class"));

  /* Switch rows write booleans into their block (made on the first change). */
  gtk_switch_set_active (cs_switch_row_get_switch (CS_SWITCH_ROW (item_row (pane, "perishable.frozen"))), TRUE);
  g_assert_true (item->perishable->frozen);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 3);   /* "Machinery" */
  g_assert_cmpstr (item->category, ==, "machinery");
  g_assert_true (group_shown (pane, "machinery.serials"));
  g_assert_true (group_shown (pane, "perishable.product"));   /* it has a perishable block now */
  gtk_switch_set_active (cs_switch_row_get_switch (CS_SWITCH_ROW (item_row (pane, "machinery.dual_use"))), TRUE);
  g_assert_true (item->machinery->dual_use);

  /* A choice in a block: the word chosen, its JSON string stored. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (item_row (pane, "electronics.battery")), 3);
  g_assert_cmpstr (item->electronics->battery, ==, "packed_with");
  g_assert_true (group_shown (pane, "electronics.chemistry"));

  /* A split: its container and packages under items[4].splits[0], and a button removing it. */
  {
    g_autoptr(CsSplit) split = cs_split_new ();
    g_autoptr(GPtrArray) split_rows = g_ptr_array_new ();
    GtkWidget *expander, *remove;

    cs_record_set_string (CS_RECORD (split), "container", "CSQU3054383");
    cs_list_append (item->splits, split);
    g_assert_true (cs_item_pane_focus_path (CS_ITEM_PANE (pane), "splits[0].container"));
    expander = cs_gui_test_find_widget (pane, ADW_TYPE_EXPANDER_ROW);
    g_assert_nonnull (expander);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==, "Split 1");
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==, "CSQU3054383");
    collect_rows (expander, split_rows);
    g_assert_cmpuint (split_rows->len, ==, 2);
    g_assert_cmpstr (adw_preferences_row_get_title (split_rows->pdata[0]), ==, "Container");
    g_assert_cmpstr (cs_field_row_get_json_path (split_rows->pdata[0]), ==, "items[4].splits[0].container");
    g_assert_cmpstr (gtk_editable_get_text (split_rows->pdata[0]), ==, "CSQU3054383");
    g_assert_cmpstr (adw_preferences_row_get_title (split_rows->pdata[1]), ==, "Packages");
    g_assert_cmpstr (cs_field_row_get_json_path (split_rows->pdata[1]), ==, "items[4].splits[0].packages");
    gtk_editable_set_text (split_rows->pdata[1], "12");
    g_assert_cmpfloat (split->packages, ==, 12);
    remove = find_button_by_tooltip (expander, "Remove split");
    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
    g_assert_cmpuint (cs_list_length (item->splits), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* ---- the Documents page ---------------------------------------------------------------------- */

static const Expected document_rows[] = {
  { "kind", "Kind", NULL, NULL, NULL },
  { "number", "Document number", NULL, NULL, NULL },
  { "issued_on", "Issued on", NULL, NULL, NULL },
  { "expires_on", "Expires on", NULL, NULL, NULL },
  { "issuer", "Issued by", NULL, NULL, NULL },
  { "covers", "Covers lines", NULL, NULL, NULL },
};

static GtkWidget *documents_kind_row;


static GtkWidget *
document_row (gpointer    page,
              const char *field)
{
  if (g_strcmp0 (field, "kind") == 0)
    return documents_kind_row;
  return cs_documents_page_get_row (CS_DOCUMENTS_PAGE (page), 2, field);
}

static void
test_document_rows (void)
{
  g_autoptr(CsManifest) manifest = NULL;
  g_autoptr(CsValidation) validation = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CsDocument *form_e;
  GtkWidget *page, *window, *expander, *kind, *remove;
  GListModel *words;
  guint n_documents;

  NEED_DISPLAY ();
  manifest = cs_gui_test_load ("railsea-electronics.json");
  validation = cs_validation_new (cs_context_get_catalog (store.context));
  cs_validation_set_manifest (validation, manifest);
  page = cs_documents_page_new (store.context);
  window = cs_gui_test_present (page, 1000, 700);
  g_object_set (page, "manifest", manifest, "validation", validation, NULL);
  cs_gui_test_spin ();
  form_e = CS_MANIFEST_DOCUMENT (manifest, 2);
  g_assert_cmpstr (form_e->kind, ==, "form_e");

  /* The third document's rows, in order, bound to it. */
  expander = gtk_widget_get_ancestor (cs_documents_page_get_row (CS_DOCUMENTS_PAGE (page), 2, "number"),
                                      ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (expander);
  collect_rows (expander, rows);
  g_assert_cmpuint (rows->len, >, 0);
  documents_kind_row = kind = g_ptr_array_index (rows, 0);
  g_assert_true (CS_IS_CHOICE_ROW (kind));
  /* The kinds are the catalog's words (checked below), not written here. */
  g_assert_cmpstr (cs_choice_row_get_field (CS_CHOICE_ROW (kind)), ==, "kind");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (kind)), ==, "Kind");
  g_ptr_array_remove_index (rows, 0);
  check_rows (rows, document_rows + 1, G_N_ELEMENTS (document_rows) - 1, document_row, page);
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (document_row (page, "issuer"))), ==,
                   "documents[2].issuer");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (document_row (page, "issuer"))), ==, "Chongqing Customs");
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (cs_field_row_get_text_widget (
                     CS_FIELD_ROW (document_row (page, "expires_on"))))), ==, "YYYY-MM-DD");
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (cs_field_row_get_text_widget (
                     CS_FIELD_ROW (document_row (page, "covers"))))), ==, "Empty: the whole shipment");

  /* The kind: "Not set" and the nine kinds in the catalog's words; the one shown is the title
   * of the document's row. Choosing another writes its JSON string. */
  words = adw_combo_row_get_model (ADW_COMBO_ROW (kind));
  g_assert_cmpuint (g_list_model_get_n_items (words), ==, 10);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind)), ==, 3);   /* form_e */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (words), 3), ==,
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (words), 3), !=, "form_e");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 4);
  g_assert_cmpstr (form_e->kind, ==, "rcep_origin");

  /* Its remove button removes it. */
  n_documents = CS_MANIFEST_N_DOCUMENTS (manifest);
  expander = gtk_widget_get_ancestor (cs_documents_page_get_row (CS_DOCUMENTS_PAGE (page), 2, "number"),
                                      ADW_TYPE_EXPANDER_ROW);
  remove = find_button_by_tooltip (expander, "Remove document");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (CS_MANIFEST_N_DOCUMENTS (manifest), ==, n_documents - 1);

  documents_kind_row = NULL;
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* ---- the Directory window's entry dialog ---------------------------------------------------- */

static GtkWidget *
editor_row (gpointer    window,
            const char *field)
{
  return cs_directory_window_get_editor_row (CS_DIRECTORY_WINDOW (window), field);
}

static const Expected party_rows[] = {
  { "name", "Name", NULL, NULL, NULL },
  { "name_latin", "Name in Latin letters", NULL, NULL, NULL },
  { "address", "Street address", NULL, NULL, NULL },
  { "city", "City", NULL, NULL, NULL },
  { "postcode", "Postcode", NULL, NULL, NULL },
  { "country", "Country", NULL, "countries", NULL },
  { "tax_id", "Tax ID (USCI for China)", NULL, NULL, NULL },
  { "contact", "Contact person", NULL, NULL, NULL },
  { "phone", "Phone", NULL, NULL, NULL },
  { "email", "E-mail", NULL, NULL, NULL },
};

static const char * const party_groups[] = {
  "Names", "Names", "Address", "Address", "Address", "Address", "Identification", "Contact",
  "Contact", "Contact",
};

static const char * const product_rows[][2] = {
  { "code", "Product code" },
  { "description", "Description (English)" },
  { "description_zh", "Description (Chinese)" },
  { "currency", "Currency of the value (ISO 4217; empty: the draft’s)" },
  { "units_per_package", "Units per package" },
};

static void
test_directory_forms (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *window;
  GtkWindow *editor;
  GtkWidget *row, *prev = NULL;

  NEED_DISPLAY ();
  window = cs_directory_window_new (store.context);
  gtk_window_present (GTK_WINDOW (window));
  cs_gui_test_spin ();

  /* A party: its rows in their groups, edited under "party.". */
  g_assert_true (gtk_widget_activate_action (window, "directory.add", NULL));
  editor = cs_directory_window_get_editor (CS_DIRECTORY_WINDOW (window));
  g_assert_nonnull (editor);
  collect_rows (GTK_WIDGET (editor), rows);
  check_rows (rows, party_rows, G_N_ELEMENTS (party_rows), editor_row, window);
  for (guint i = 0; i < G_N_ELEMENTS (party_rows); i++)
    {
      row = editor_row (window, party_rows[i].field);
      g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                         gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))), ==, party_groups[i]);
      g_assert_true (gtk_widget_get_sensitive (row));
    }
  row = editor_row (window, "tax_id");
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (row)), ==, "party.tax_id");
  /* The tax id's note (checked as typed) is the description of its group. */
  gtk_editable_set_text (GTK_EDITABLE (editor_row (window, "country")), "CN");
  gtk_editable_set_text (GTK_EDITABLE (row), "123");
  g_assert_nonnull (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                      gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))));
  gtk_window_destroy (editor);
  cs_gui_test_spin ();

  /* A product: its own fields, in order, in the first tab. */
  cs_directory_window_show_page (CS_DIRECTORY_WINDOW (window), "products");
  cs_gui_test_spin ();
  g_assert_true (gtk_widget_activate_action (window, "directory.add", NULL));
  editor = cs_directory_window_get_editor (CS_DIRECTORY_WINDOW (window));
  g_assert_nonnull (editor);
  for (guint i = 0; i < G_N_ELEMENTS (product_rows); i++)
    {
      row = editor_row (window, product_rows[i][0]);
      g_assert_true (ADW_IS_ENTRY_ROW (row));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, product_rows[i][1]);
      g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                         gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))), ==, "Product");
      if (prev != NULL)
        g_assert_true (gtk_widget_get_prev_sibling (row) == prev);
      prev = row;
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_row (window, "code"))), ==, "");
  gtk_window_destroy (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-page-rows-XXXXXX");
  g_test_add_func ("/page-rows/containers", test_containers_rows);
  g_test_add_func ("/page-rows/item-pane", test_item_rows);
  g_test_add_func ("/page-rows/documents", test_document_rows);
  g_test_add_func ("/page-rows/directory-forms", test_directory_forms);
  status = g_test_run ();
  if (have_display)
    cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_store_close (&store);
  return status;
}
