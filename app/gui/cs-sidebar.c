/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-sidebar.c: the drafts list (search, status filter, validation badges, New menu)
 *
 * The list follows the store live: a CsStoreWatch reports drafts other clients (or other windows)
 * saved or deleted, and the list is read again through the store thread. A new reading replaces
 * only the rows between the first and the last one that differ, so that rows that did not
 * change keep their widgets, and the selection and the scroll position stay. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cs-draft-row.h"
#include "cs-sidebar.h"
#include "cs-store-watch.h"

struct _CsSidebar
{
  AdwBin              parent_instance;

  CsContext          *context;
  GListStore         *drafts;        /* of CsStoreSummary */
  GtkSingleSelection *selection;
  GHashTable         *hidden;        /* ids */
  GCancellable       *cancellable;
  GCancellable       *cancellable_user;
  CsStoreWatch       *watch;
  gboolean            listing;       /* a reading of the list is under way */
  gboolean            list_again;    /* the store changed during it: read once more after it */
  gboolean            list_failed;   /* the last reading failed (read again when the server is back) */
  gboolean            live;          /* the reading under way follows a change elsewhere */
  char               *user;          /* who this store records as the author of our saves */
  GMenu              *templates_section;
  CsStatus            status;        /* filter, UNSET = all but archived */
  char               *search;        /* the search text of the last reload */
  char               *selected_id;
  gboolean            selecting;
  gboolean            loaded;
  gboolean            store_empty;

  /* template */
  GtkMenuButton      *new_button;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (CsSidebar, cs_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_USER,
  N_PROPS
};

enum {
  DRAFT_ACTIVATED,
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The status dropdown's entries, in its order (ui/cs-sidebar.ui); UNSET = all but archived. */
static const CsStatus status_filters[] = {
  CS_STATUS_UNSET, CS_STATUS_DRAFT, CS_STATUS_READY, CS_STATUS_EXPORTED, CS_STATUS_ARCHIVED,
};

/* ---- loading ----------------------------------------------------------------------------- */

static void
update_stack (CsSidebar *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

/* TRUE when @a and @b show the same thing (a save bumps the revision; status and counts do not). */
static gboolean
same_summary (CsStoreSummary *a,
              CsStoreSummary *b)
{
  return a == b ||
         (strcmp (a->id, b->id) == 0 && a->revision == b->revision && a->updated == b->updated &&
          a->status == b->status && a->n_errors == b->n_errors && a->n_warnings == b->n_warnings);
}

/* Puts @shown (of CsStoreSummary) into the list, replacing only the rows from the first to the
 * last that differ (none when nothing did); rows within that range that did not change keep
 * their old item. FALSE when nothing changed. */
static gboolean
merge_rows (CsSidebar *self,
            GPtrArray *shown)
{
  GListModel *model = G_LIST_MODEL (self->drafts);
  guint n_old = g_list_model_get_n_items (model);
  guint prefix = 0, suffix = 0;
  g_autoptr(GHashTable) old_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) middle = g_ptr_array_new ();

  while (prefix < n_old && prefix < shown->len)
    {
      g_autoptr(CsStoreSummary) old = g_list_model_get_item (model, prefix);

      if (!same_summary (old, shown->pdata[prefix]))
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < shown->len - prefix)
    {
      g_autoptr(CsStoreSummary) old = g_list_model_get_item (model, n_old - 1 - suffix);

      if (!same_summary (old, shown->pdata[shown->len - 1 - suffix]))
        break;
      suffix++;
    }
  if (prefix + suffix == n_old && n_old == shown->len)
    return FALSE;

  for (guint i = prefix; i < n_old - suffix; i++)
    {
      CsStoreSummary *old = g_list_model_get_item (model, i);

      g_hash_table_replace (old_by_id, old->id, old);
    }
  for (guint i = prefix; i < shown->len - suffix; i++)
    {
      CsStoreSummary *s = shown->pdata[i];
      CsStoreSummary *old = g_hash_table_lookup (old_by_id, s->id);

      g_ptr_array_add (middle, old != NULL && same_summary (old, s) ? old : s);
    }
  g_list_store_splice (self->drafts, prefix, n_old - prefix - suffix, middle->pdata, middle->len);
  return TRUE;
}

static void list_drafts (CsSidebar *self,
                         gboolean   live);

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsSidebar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  const char *search;
  gboolean changed;

  if (self->context == NULL)
    return;     /* disposed meanwhile (its reading was cancelled) */
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  rows = cs_store_thread_list_finish (cs_context_get_store_thread (self->context), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;     /* a newer reading is under way */
  self->listing = FALSE;
  self->list_failed = rows == NULL;
  if (rows == NULL)
    {
      g_warning ("Could not list drafts: %s", error->message);
      adw_status_page_set_description (self->empty_page, error->message);
      self->loaded = TRUE;
      update_stack (self);
      g_signal_emit (self, signals[LOADED], 0);
      if (self->list_again)
        list_drafts (self, TRUE);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreSummary *s = g_ptr_array_index (rows, i);

      if (g_hash_table_contains (self->hidden, s->id))
        continue;
      if (self->status == CS_STATUS_UNSET
          && cs_enum_from_string (CS_TYPE_STATUS, s->status) == CS_STATUS_ARCHIVED)
        continue;
      g_ptr_array_add (shown, s);
    }

  self->store_empty = rows->len == 0 && self->status == CS_STATUS_UNSET
                      && (search == NULL || *search == '\0');
  self->selecting = TRUE;
  changed = merge_rows (self, shown);
  self->selecting = FALSE;
  adw_status_page_set_description (self->empty_page, NULL);
  cs_sidebar_select (self, self->selected_id);
  self->loaded = TRUE;
  update_stack (self);
  /* a reading that only followed a change elsewhere and found nothing new is no news */
  if (changed || !self->live)
    g_signal_emit (self, signals[LOADED], 0);
  /* the store changed while this was read: show what it said (changes that keep coming must
   * not keep the list from ever showing), then read once more */
  if (self->list_again)
    list_drafts (self, TRUE);
}

/* Reads the list again, cancelling a reading under way (its search or filter is old). */
static void
list_drafts (CsSidebar *self,
             gboolean   live)
{
  const char *search;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_free (self->search);
  self->search = g_strdup (search);
  cs_store_thread_list_async (cs_context_get_store_thread (self->context),
                              search, cs_enum_to_string (CS_TYPE_STATUS, self->status),
                              self->cancellable,
                              list_done_cb, g_object_ref (self));
  self->listing = TRUE;
  self->list_again = FALSE;
  self->live = live;
}

void
cs_sidebar_reload (CsSidebar *self)
{
  g_return_if_fail (CS_IS_SIDEBAR (self));
  list_drafts (self, FALSE);
}

/* Another client (or window) saved or deleted drafts. The list is read again, but a reading
 * under way is not cancelled: under a stream of saves it would never finish. It is followed
 * by one more instead. Before the first reading there is nothing to refresh. */
static void
on_drafts_changed_cb (CsSidebar *self,
                      GStrv      ids)
{
  if (!self->loaded && !self->listing)
    return;
  if (self->listing)
    self->list_again = TRUE;
  else
    list_drafts (self, TRUE);
}

/* ---- who we are -------------------------------------------------------------------------- */

static void ask_user (CsSidebar *self);

static gpointer
user_job (CsStore   *store,
          gpointer   data,
          GError   **error)
{
  return g_strdup (cs_store_get_user (store));
}

static void
user_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsSidebar) self = user_data;
  g_autoptr(GError) error = NULL;
  char *user;

  if (self->context == NULL)
    return;     /* disposed meanwhile */
  user = cs_store_thread_run_finish (cs_context_get_store_thread (self->context), result, &error);
  if (user == NULL)
    {
      /* the store is unreachable: the list says so when it is read; rows show no author */
      g_debug ("sidebar: who saves is unknown: %s", error->message);
      return;
    }
  g_free (self->user);
  self->user = user;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

static void
ask_user (CsSidebar *self)
{
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), user_job, NULL, NULL, g_free,
                             self->cancellable_user, user_done_cb, g_object_ref (self));
}

/* A server that was not reachable when the sidebar was made is back: ask who we are again. */
static void
on_watch_connected_cb (CsSidebar *self)
{
  if (!cs_store_watch_get_connected (self->watch))
    return;
  if (self->user == NULL)
    ask_user (self);
  /* the server is back: a list that could not be read is read again */
  if (self->list_failed && !self->listing)
    list_drafts (self, TRUE);
}

/* ---- callbacks --------------------------------------------------------------------------- */

/* Reloads when the search text differs from the one the list was last read with: the entry
 * says "search-changed" after cs_sidebar_set_search () has reloaded already (150 ms later, or
 * at once for an empty text), and that must not read the store a second time. */
static void
reload_for_search (CsSidebar *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->search) != 0)
    cs_sidebar_reload (self);
}

static void
on_search_changed_cb (CsSidebar *self)
{
  reload_for_search (self);
}

static void
on_status_selected_cb (CsSidebar *self)
{
  guint i = gtk_drop_down_get_selected (self->status_dropdown);

  self->status = i < G_N_ELEMENTS (status_filters) ? status_filters[i] : CS_STATUS_UNSET;
  cs_sidebar_reload (self);
}

static void
activate_position (CsSidebar *self,
                   guint      position)
{
  g_autoptr(CsStoreSummary) s = g_list_model_get_item (G_LIST_MODEL (self->drafts), position);

  if (s == NULL)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (s->id);
  g_signal_emit (self, signals[DRAFT_ACTIVATED], 0, s->id);
}

static void
on_list_view_activate_cb (CsSidebar *self,
                          guint      position)
{
  activate_position (self, position);
}

static void
on_selection_changed_cb (CsSidebar *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(CsStoreSummary) s = NULL;

  if (self->selecting || position == GTK_INVALID_LIST_POSITION)
    return;
  s = g_list_model_get_item (G_LIST_MODEL (self->drafts), position);
  if (s != NULL && g_strcmp0 (s->id, self->selected_id) != 0)
    activate_position (self, position);
}

/* ---- New menu ---------------------------------------------------------------------------- */

static void
build_new_menu (CsSidebar *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) blank = g_menu_new ();
  g_autoptr(GMenu) corridors = g_menu_new ();
  CsCatalog *catalog = cs_context_get_catalog (self->context);
  const CsCorridor **list;
  guint n = 0;

  /* Blank means blank: no corridor, whatever the default corridor preference says. */
  g_menu_append (blank, _("Blank manifest"), "win.new-blank");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (blank));

  list = catalog != NULL ? cs_catalog_get_corridors (catalog, &n) : NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      label = g_strdup_printf ("%s — %s", list[i]->id,
                               cs_catalog_localized_title (list[i]->name, list[i]->name_zh));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.new-on-corridor", "s", list[i]->id);
      g_menu_append_item (corridors, item);
    }
  g_menu_append_section (menu, _("From a corridor"), G_MENU_MODEL (corridors));
  self->templates_section = g_menu_new ();
  g_menu_append_section (menu, _("From a template"), G_MENU_MODEL (self->templates_section));
  gtk_menu_button_set_menu_model (self->new_button, G_MENU_MODEL (menu));
}

GMenuModel *
cs_sidebar_get_new_menu (CsSidebar *self)
{
  g_return_val_if_fail (CS_IS_SIDEBAR (self), NULL);
  return gtk_menu_button_get_menu_model (self->new_button);
}

void
cs_sidebar_set_templates (CsSidebar          *self,
                          const char * const *names)
{
  g_return_if_fail (CS_IS_SIDEBAR (self));

  g_menu_remove_all (self->templates_section);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (names[i], NULL);

      g_menu_item_set_action_and_target (item, "win.new-from-template", "s", names[i]);
      g_menu_append_item (self->templates_section, item);
    }
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_sidebar_constructed (GObject *object)
{
  CsSidebar *self = CS_SIDEBAR (object);

  G_OBJECT_CLASS (cs_sidebar_parent_class)->constructed (object);
  build_new_menu (self);
  ask_user (self);
  /* the application's one watch of the store, shared with the other windows */
  self->watch = g_object_ref (cs_context_get_store_watch (self->context));
  g_signal_connect_object (self->watch, "drafts-changed", G_CALLBACK (on_drafts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watch, "notify::connected", G_CALLBACK (on_watch_connected_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
cs_sidebar_dispose (GObject *object)
{
  CsSidebar *self = CS_SIDEBAR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->cancellable_user);
  g_clear_object (&self->cancellable_user);
  /* the watch is the context's and goes on for the other windows: only stop listening */
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->drafts);
  g_clear_object (&self->templates_section);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cs_sidebar_parent_class)->dispose (object);
}

static void
cs_sidebar_finalize (GObject *object)
{
  CsSidebar *self = CS_SIDEBAR (object);

  g_hash_table_unref (self->hidden);
  g_free (self->search);
  g_free (self->selected_id);
  g_free (self->user);

  G_OBJECT_CLASS (cs_sidebar_parent_class)->finalize (object);
}

static void
cs_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, CS_SIDEBAR (object)->context);
      break;
    case PROP_USER:
      g_value_set_string (value, CS_SIDEBAR (object)->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      CS_SIDEBAR (object)->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_sidebar_class_init (CsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_sidebar_constructed;
  object_class->dispose = cs_sidebar_dispose;
  object_class->finalize = cs_sidebar_finalize;
  object_class->get_property = cs_sidebar_get_property;
  object_class->set_property = cs_sidebar_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* who the store records as the author of this user's saves (cs_store_get_user()); NULL until
   * the store thread said so */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsSidebar::draft-activated:
   * @id: the draft's id
   */
  signals[DRAFT_ACTIVATED] =
    g_signal_new ("draft-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CsSidebar::loaded:
   *
   * The list shows the result of the last reload.
   */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CsSidebar, new_button);
  gtk_widget_class_bind_template_child (widget_class, CsSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsSidebar, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, CsSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, CsSidebar, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
}

static void
cs_sidebar_init (CsSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = cs_draft_row_factory_new ();

  self->status = CS_STATUS_UNSET;
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable_user = g_cancellable_new ();
  self->drafts = g_list_store_new (CS_TYPE_STORE_SUMMARY);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->drafts)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
}

/* ---- public API -------------------------------------------------------------------------- */

GtkWidget *
cs_sidebar_new (CsContext *context)
{
  return g_object_new (CS_TYPE_SIDEBAR, "context", context, NULL);
}

void
cs_sidebar_select (CsSidebar  *self,
                   const char *id)
{
  guint n, found = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (CS_IS_SIDEBAR (self));

  if (id != self->selected_id)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (id);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->drafts));
  for (guint i = 0; id != NULL && i < n && found == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(CsStoreSummary) s = g_list_model_get_item (G_LIST_MODEL (self->drafts), i);

      if (g_strcmp0 (s->id, id) == 0)
        found = i;
    }
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, found);
  self->selecting = FALSE;
}

void
cs_sidebar_hide_draft (CsSidebar  *self,
                       const char *id)
{
  guint n;

  g_return_if_fail (CS_IS_SIDEBAR (self));
  g_return_if_fail (id != NULL);

  g_hash_table_add (self->hidden, g_strdup (id));
  /* A hidden draft is selected no more: a reload must not bring its row back selected. */
  if (g_strcmp0 (self->selected_id, id) == 0)
    g_clear_pointer (&self->selected_id, g_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->drafts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsStoreSummary) s = g_list_model_get_item (G_LIST_MODEL (self->drafts), i);

      if (g_strcmp0 (s->id, id) == 0)
        {
          self->selecting = TRUE;
          g_list_store_remove (self->drafts, i);
          self->selecting = FALSE;
          break;
        }
    }
  update_stack (self);
}

void
cs_sidebar_unhide_draft (CsSidebar  *self,
                         const char *id)
{
  g_return_if_fail (CS_IS_SIDEBAR (self));

  if (g_hash_table_remove (self->hidden, id))
    cs_sidebar_reload (self);
}

void
cs_sidebar_focus_search (CsSidebar *self)
{
  g_return_if_fail (CS_IS_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
cs_sidebar_set_search (CsSidebar  *self,
                       const char *text)
{
  g_return_if_fail (CS_IS_SIDEBAR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Now, not after the entry's delay; its "search-changed" then finds nothing new. */
  reload_for_search (self);
}

/* The index of @status in status_filters, or -1. */
static int
status_filter_index (CsStatus status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    if (status_filters[i] == status)
      return (int) i;
  return -1;
}

void
cs_sidebar_set_status (CsSidebar *self,
                       CsStatus   status)
{
  int index;

  g_return_if_fail (CS_IS_SIDEBAR (self));

  /* The filters are a fixed set (cs-sidebar.h); any other value is the caller's mistake, said
   * as one (a critical) rather than ignored or taken for "all drafts". */
  index = status_filter_index (status);
  g_return_if_fail (index >= 0);
  gtk_drop_down_set_selected (self->status_dropdown, (guint) index);
}

GListModel *
cs_sidebar_get_model (CsSidebar *self)
{
  g_return_val_if_fail (CS_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->drafts);
}

gboolean
cs_sidebar_is_loaded (CsSidebar *self)
{
  g_return_val_if_fail (CS_IS_SIDEBAR (self), FALSE);
  return self->loaded;
}

const char *
cs_sidebar_get_user (CsSidebar *self)
{
  g_return_val_if_fail (CS_IS_SIDEBAR (self), NULL);
  return self->user;
}

CsStoreWatch *
cs_sidebar_get_watch (CsSidebar *self)
{
  g_return_val_if_fail (CS_IS_SIDEBAR (self), NULL);
  return self->watch;
}

gboolean
cs_sidebar_store_is_empty (CsSidebar *self)
{
  g_return_val_if_fail (CS_IS_SIDEBAR (self), FALSE);
  return self->store_empty;
}
