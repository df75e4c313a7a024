/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-directory-window.c: the Directory window: the party directory and the product catalogue */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cs-directory-window.h"
#include "cs-directory.h"
#include "cs-export-directory.h"
#include "cs-field-row.h"
#include "cs-item-pane.h"
#include "cs-number-text.h"
#include "cs-picker.h"
#include "cs-store-watch.h"

typedef enum
{
  KIND_PARTIES,
  KIND_PRODUCTS,
  N_KINDS
} Kind;

static const char * const page_names[N_KINDS] = { "parties", "products" };

/* ---- CsDirectoryItem: one entry of a list ------------------------------------------------ */

struct _CsDirectoryItem
{
  GObject           parent_instance;

  Kind              kind;
  CsDirectoryParty *party;      /* KIND_PARTIES: owned */
  CsProduct        *product;    /* KIND_PRODUCTS: owned */
  char             *title, *subtitle, *detail, *extra;
  char             *warning;
};

G_DEFINE_FINAL_TYPE (CsDirectoryItem, cs_directory_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_TITLE,
  ITEM_PROP_SUBTITLE,
  ITEM_PROP_DETAIL,
  ITEM_PROP_EXTRA,
  ITEM_PROP_WARNING,
  ITEM_PROP_FLAGGED,
  ITEM_PROP_HAS_SUBTITLE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
cs_directory_item_finalize (GObject *object)
{
  CsDirectoryItem *self = CS_DIRECTORY_ITEM (object);

  g_clear_pointer (&self->party, cs_directory_party_free);
  g_clear_pointer (&self->product, cs_product_free);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->detail);
  g_free (self->extra);
  g_free (self->warning);

  G_OBJECT_CLASS (cs_directory_item_parent_class)->finalize (object);
}

static void
cs_directory_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CsDirectoryItem *self = CS_DIRECTORY_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ITEM_PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case ITEM_PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case ITEM_PROP_EXTRA:
      g_value_set_string (value, self->extra);
      break;
    case ITEM_PROP_WARNING:
      g_value_set_string (value, self->warning);
      break;
    case ITEM_PROP_FLAGGED:
      g_value_set_boolean (value, self->warning != NULL);
      break;
    case ITEM_PROP_HAS_SUBTITLE:
      g_value_set_boolean (value, self->subtitle != NULL && *self->subtitle != '\0');
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_directory_item_class_init (CsDirectoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "title", "subtitle", "detail", "extra", "warning" };

  object_class->finalize = cs_directory_item_finalize;
  object_class->get_property = cs_directory_item_get_property;
  for (guint i = ITEM_PROP_TITLE; i <= ITEM_PROP_WARNING; i++)
    item_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_FLAGGED] =
    g_param_spec_boolean ("flagged", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* a row without a second line is one line high */
  item_properties[ITEM_PROP_HAS_SUBTITLE] =
    g_param_spec_boolean ("has-subtitle", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
cs_directory_item_init (CsDirectoryItem *self)
{
}

/* "a · b", either part may be missing; NULL when both are. */
static char *
join_dot (const char *a,
          const char *b)
{
  gboolean has_a = a != NULL && *a != '\0', has_b = b != NULL && *b != '\0';

  if (has_a && has_b)
    return g_strdup_printf ("%s · %s", a, b);
  return g_strdup (has_a ? a : has_b ? b : NULL);
}

/* Takes @entry. @dups: the tax ids more than one entry has (upper case). */
static CsDirectoryItem *
item_for_party (CsDirectoryParty   *entry,
                const char * const *dups)
{
  CsDirectoryItem *self = g_object_new (CS_TYPE_DIRECTORY_ITEM, NULL);
  CsParty *p = entry->party;
  gboolean has_name = p->name != NULL && *p->name != '\0';
  g_autofree char *up = p->tax_id ? g_ascii_strup (p->tax_id, -1) : NULL;
  g_autofree char *bad = p->tax_id ? cs_directory_check_tax_id (p->country, p->tax_id) : NULL;

  self->kind = KIND_PARTIES;
  self->party = entry;
  self->title = g_strdup (cs_party_display_name (p));
  self->subtitle = has_name ? join_dot (p->name_latin, p->city) : g_strdup (p->city);
  self->detail = g_strdup (p->tax_id);
  self->extra = g_strdup (p->country);
  if (bad != NULL)
    self->warning = g_steal_pointer (&bad);
  else if (up != NULL && dups != NULL && g_strv_contains (dups, up))
    self->warning = g_strdup (_("Another entry has this tax id too: check which one is right"));
  return self;
}

/* Takes @product. */
static CsDirectoryItem *
item_for_product (CsProduct *product)
{
  CsDirectoryItem *self = g_object_new (CS_TYPE_DIRECTORY_ITEM, NULL);

  self->kind = KIND_PRODUCTS;
  self->product = product;
  self->title = g_strdup (product->code);
  self->subtitle = join_dot (product->description, product->description_zh);
  self->detail = g_strdup (product->item->hs_code);
  self->extra = g_strdup (product->item->unit);
  return self;
}

const char *
cs_directory_item_get_title (CsDirectoryItem *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_ITEM (self), NULL);
  return self->title;
}

const char *
cs_directory_item_get_subtitle (CsDirectoryItem *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_ITEM (self), NULL);
  return self->subtitle;
}

const char *
cs_directory_item_get_detail (CsDirectoryItem *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_ITEM (self), NULL);
  return self->detail;
}

const char *
cs_directory_item_get_warning (CsDirectoryItem *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_ITEM (self), NULL);
  return self->warning;
}

/* ---- the window ---------------------------------------------------------------------------- */

typedef struct
{
  GtkSearchEntry     *search;
  GtkListView        *list;
  GtkStack           *stack;
  GListStore         *model;       /* of CsDirectoryItem */
  GtkSingleSelection *selection;
  guint               generation;  /* of the latest search: older results are dropped */
} Page;

typedef struct _Editor Editor;

struct _CsDirectoryWindow
{
  AdwWindow             parent_instance;

  CsContext            *context;
  GCancellable         *cancellable;   /* cancelled on dispose: results no one waits for */
  CsStoreWatch         *watch;         /* other clients' directory changes */
  guint                 busy;
  guint                 retry_id;      /* a live refresh that failed, tried again */
  guint                 retry_s;       /* its next wait: 2 s doubling up to 30 s */
  guint                 failed_kinds;  /* bit per kind whose live refresh failed */

  GtkRevealer          *status_revealer;
  GtkLabel             *status_label;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  Page                  pages[N_KINDS];

  GtkFileChooserNative *chooser;
  GtkWindow            *editor;        /* weak: the open Add/Edit dialog */
};

G_DEFINE_FINAL_TYPE (CsDirectoryWindow, cs_directory_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Kind
current_kind (CsDirectoryWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "products") == 0
         ? KIND_PRODUCTS : KIND_PARTIES;
}

static int
kind_for_name (const char *name)
{
  for (int k = 0; k < N_KINDS; k++)
    if (g_strcmp0 (name, page_names[k]) == 0)
      return k;
  return -1;
}

static void
show_error (CsDirectoryWindow *self,
            const char        *heading,
            const char        *message)
{
  GtkWidget *dialog = adw_message_dialog_new (self->editor ? self->editor : GTK_WINDOW (self),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (CsDirectoryWindow *self,
       const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- store jobs (on the store thread: they touch only their own data) -------------------- */

typedef struct
{
  Kind       kind;
  char      *text;        /* search */
  char      *path;        /* import, export */
  CsImportEncoding encoding; /* import of a CSV file */
  gint64     id;          /* delete, update party */
  CsParty   *party;       /* add, update */
  CsProduct *product;     /* add, update */
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  g_free (job->text);
  g_free (job->path);
  g_clear_object (&job->party);
  g_clear_pointer (&job->product, cs_product_free);
  g_free (job);
}

typedef struct
{
  GPtrArray *found;       /* CsDirectoryParty or CsProduct */
  GStrv      dups;        /* parties: tax ids on more than one entry */
} SearchResult;

static void
search_result_free (gpointer data)
{
  SearchResult *r = data;

  g_clear_pointer (&r->found, g_ptr_array_unref);
  g_strfreev (r->dups);
  g_free (r);
}

static gpointer
search_job (CsStore  *store,
            gpointer  data,
            GError  **error)
{
  JobData *job = data;
  SearchResult *r = g_new0 (SearchResult, 1);

  if (job->kind == KIND_PRODUCTS)
    r->found = cs_directory_search_products (store, job->text, 0, error);
  else if ((r->found = cs_directory_search_parties (store, job->text, 0, error)) != NULL)
    {
      r->dups = cs_directory_tax_id_duplicates (store, error);
      if (r->dups == NULL)
        g_clear_pointer (&r->found, g_ptr_array_unref);
    }
  if (r->found == NULL)
    {
      search_result_free (r);
      return NULL;
    }
  return r;
}

static gpointer
save_job (CsStore  *store,
          gpointer  data,
          GError  **error)
{
  JobData *job = data;
  gboolean ok;

  if (job->kind == KIND_PRODUCTS)
    ok = job->product->id != 0 ? cs_directory_update_product (store, job->product, error)
                               : cs_directory_add_product (store, job->product, error);
  else if (job->id != 0)
    ok = cs_directory_update_party (store, job->id, job->party, error);
  else
    ok = cs_directory_add_party (store, job->party, error) != 0;
  return ok ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
delete_job (CsStore  *store,
            gpointer  data,
            GError  **error)
{
  JobData *job = data;
  gboolean ok = job->kind == KIND_PRODUCTS ? cs_directory_delete_product (store, job->id, error)
                                           : cs_directory_delete_party (store, job->id, error);

  return ok ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
export_job (CsStore  *store,
            gpointer  data,
            GError  **error)
{
  JobData *job = data;
  gboolean ok = job->kind == KIND_PRODUCTS ? cs_directory_export_products (store, job->path, error)
                                           : cs_directory_export_parties (store, job->path, error);

  return ok ? GINT_TO_POINTER (1) : NULL;
}

/* Always a result (so the problems come back with the failure). */
typedef struct
{
  gboolean   ok;
  guint      n;
  GPtrArray *problems;
  GError    *error;
} ImportResult;

static void
import_result_free (gpointer data)
{
  ImportResult *r = data;

  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_error (&r->error);
  g_free (r);
}

static gpointer
import_job (CsStore  *store,
            gpointer  data,
            GError  **error)
{
  JobData *job = data;
  ImportResult *r = g_new0 (ImportResult, 1);

  r->ok = job->kind == KIND_PRODUCTS
          ? cs_directory_import_products (store, job->path, job->encoding, &r->n, &r->problems,
                                          &r->error)
          : cs_directory_import_parties (store, job->path, job->encoding, &r->n, &r->problems,
                                         &r->error);
  return r;
}

typedef struct _Call Call;

typedef void (*DoneFunc) (CsDirectoryWindow *self,
                          Call              *call,
                          gpointer           value,
                          GError            *error);

/* The window comes back to the main loop through a weak reference: it may be gone by then. */
struct _Call
{
  GWeakRef        ref;
  CsStoreThread  *thread;
  DoneFunc        done;
  GDestroyNotify  result_free;
  Kind      kind;
  guint     generation;
  char     *name;         /* what the job was about, for its message */
  char     *path;         /* import: the file, to read again in another encoding */
  gboolean  live;         /* a refresh no one asked for: its failure is shown quietly */
};

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(CsDirectoryWindow) self = g_weak_ref_get (&call->ref);
  g_autoptr(GError) error = NULL;
  gpointer value = NULL;
  gboolean ok = cs_store_thread_run_finish_ok (call->thread, result, &value, &error);

  if (self != NULL)
    self->busy--;
  if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    call->done (self, call, ok ? value : NULL, ok ? NULL : error);
  else if (value != NULL && call->result_free != NULL)
    call->result_free (value);
  g_weak_ref_clear (&call->ref);
  g_object_unref (call->thread);
  g_free (call->name);
  g_free (call->path);
  g_free (call);
}

/* Runs @func with @job (taken) on the store thread; @done gets the result (owned: free it with
 * @result_free) or the error, on the main thread, if the window is still there. Returns the
 * call, to be marked before the main loop runs again. */
static Call *
run_job (CsDirectoryWindow *self,
         CsStoreJobFunc     func,
         JobData           *job,
         GDestroyNotify     result_free,
         DoneFunc           done,
         guint              generation,
         const char        *name)
{
  Call *call = g_new0 (Call, 1);

  g_weak_ref_init (&call->ref, self);
  call->thread = g_object_ref (cs_context_get_store_thread (self->context));
  call->done = done;
  call->result_free = result_free;
  call->kind = job->kind;
  call->generation = generation;
  call->name = g_strdup (name);
  call->path = g_strdup (job->path);
  self->busy++;
  cs_store_thread_run_async (call->thread, func, job, job_data_free,
                             result_free, self->cancellable, job_done_cb, call);
  return call;
}

static JobData *
job_new (Kind kind)
{
  JobData *job = g_new0 (JobData, 1);

  job->kind = kind;
  return job;
}

static void refresh (CsDirectoryWindow *self,
                     Kind               kind);
static void refresh_live (CsDirectoryWindow *self,
                          Kind               kind);

/* ---- lists --------------------------------------------------------------------------------- */

static void
update_actions (CsDirectoryWindow *self)
{
  Page *page = &self->pages[current_kind (self)];
  gboolean selected = gtk_single_selection_get_selected_item (page->selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.delete", selected);
}

/* ---- live refreshes: their failures are quiet (a status line, tried again), never a dialog */

static gboolean
retry_cb (gpointer data)
{
  CsDirectoryWindow *self = data;
  guint kinds = self->failed_kinds;

  self->retry_id = 0;
  for (int k = 0; k < N_KINDS; k++)
    if (kinds & (1u << k))
      refresh_live (self, k);
  return G_SOURCE_REMOVE;
}

/* A refresh no one asked for could not read the store (a server restarting, a network away):
 * the window says so above the lists and reads again later, waiting longer each time; the
 * watch also refreshes everything when its connection is back. */
static void
live_failed (CsDirectoryWindow *self,
             Kind               kind,
             const GError      *error)
{
  g_autofree char *text = NULL;

  self->failed_kinds |= 1u << kind;
  /* Translators: shown above the directory's lists; %s is the store's message */
  text = g_strdup_printf (_("The directory could not be read again: %s. Trying again…"), error->message);
  gtk_label_set_text (self->status_label, text);
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
  if (self->retry_id == 0)
    {
      self->retry_s = self->retry_s == 0 ? 2 : MIN (self->retry_s * 2, 30);
      self->retry_id = g_timeout_add_seconds (self->retry_s, retry_cb, self);
    }
}

/* @kind was read: if no other kind is still failing, the status line goes. */
static void
live_read (CsDirectoryWindow *self,
           Kind               kind)
{
  self->failed_kinds &= ~(1u << kind);
  if (self->failed_kinds != 0)
    return;
  self->retry_s = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->status_revealer, FALSE);
}

static void
search_done (CsDirectoryWindow *self,
             Call              *call,
             gpointer           value,
             GError            *error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  SearchResult *r = value;
  Page *page = &self->pages[call->kind];
  const char *text = gtk_editable_get_text (GTK_EDITABLE (page->search));

  /* An answer to an older search (typed over since) is dropped, its error too */
  if (call->generation != page->generation)
    {
      if (r != NULL)
        search_result_free (r);
      return;
    }
  if (error != NULL && call->live)
    {
      live_failed (self, call->kind, error);
      return;
    }
  if (error != NULL)
    {
      show_error (self, _("Could Not Read the Directory"), error->message);
      return;
    }
  live_read (self, call->kind);
  g_ptr_array_set_free_func (r->found, NULL);    /* the items take the entries */
  for (guint i = 0; i < r->found->len; i++)
    g_ptr_array_add (items, call->kind == KIND_PRODUCTS
                            ? (gpointer) item_for_product (r->found->pdata[i])
                            : (gpointer) item_for_party (r->found->pdata[i],
                                                         (const char * const *) r->dups));
  g_list_store_splice (page->model, 0, g_list_model_get_n_items (G_LIST_MODEL (page->model)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (page->stack, items->len > 0 ? "list"
                                                 : *text != '\0' ? "none" : "empty");
  search_result_free (r);
  update_actions (self);
}

/* Lists the entries of @kind that match its search text (again). */
static void
refresh (CsDirectoryWindow *self,
         Kind               kind)
{
  Page *page = &self->pages[kind];
  JobData *job = job_new (kind);

  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (page->search))));
  run_job (self, search_job, job, search_result_free, search_done, ++page->generation, NULL);
}

/* As refresh (), for a change no one here asked for (another client's, or a retry). */
static void
refresh_live (CsDirectoryWindow *self,
              Kind               kind)
{
  Page *page = &self->pages[kind];
  JobData *job = job_new (kind);
  Call *call;

  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (page->search))));
  call = run_job (self, search_job, job, search_result_free, search_done, ++page->generation, NULL);
  call->live = TRUE;
}

static void
on_search_changed_cb (CsDirectoryWindow *self,
                      GtkSearchEntry    *entry)
{
  for (int k = 0; k < N_KINDS; k++)
    if (self->pages[k].search == entry)
      refresh (self, k);
}

/* Enter in the search opens the first match. */
static void
on_search_activate_cb (CsDirectoryWindow *self,
                       GtkSearchEntry    *entry)
{
  Page *page = &self->pages[current_kind (self)];

  if (g_list_model_get_n_items (G_LIST_MODEL (page->model)) > 0)
    {
      gtk_single_selection_set_selected (page->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self), "directory.edit", NULL);
    }
}

static void
on_list_activate_cb (CsDirectoryWindow *self,
                     guint              position,
                     GtkListView       *list)
{
  Page *page = &self->pages[current_kind (self)];

  gtk_single_selection_set_selected (page->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "directory.edit", NULL);
}

static void
on_page_changed_cb (CsDirectoryWindow *self)
{
  Kind kind = current_kind (self);

  /* typing anywhere in the window searches the page shown */
  for (int k = 0; k < N_KINDS; k++)
    gtk_search_entry_set_key_capture_widget (self->pages[k].search,
                                             k == (int) kind ? GTK_WIDGET (self) : NULL);
  update_actions (self);
}

static CsDirectoryItem *
selected_item (CsDirectoryWindow *self)
{
  Page *page = &self->pages[current_kind (self)];

  return gtk_single_selection_get_selected_item (page->selection);
}

/* ---- the entry dialog (Add, Edit) ------------------------------------------------------------ */

/* The dialog's forms are declared in ui/cs-directory-window-forms.ui ("party_page",
 * "product_page"); a product's own fields, which its rows' ids name, in the form's order. */
static const char * const product_fields[] = {
  "code", "description", "description_zh", "currency", "units_per_package",
};

/* Rows of the item pane that mean nothing for one unit of a product. */
struct _Editor
{
  CsDirectoryWindow   *self;          /* the editor is destroyed with the window */
  Kind                 kind;
  gint64               id;            /* 0: a new entry */
  CsParty             *party;         /* KIND_PARTIES: the copy the rows edit */
  CsProduct           *product;       /* KIND_PRODUCTS: the copy the rows edit */
  GtkBuilder          *form;          /* of the dialog's form (load_form) */
  GHashTable          *rows;          /* field -> row widget (not owned) */
  GtkWidget           *pane;          /* KIND_PRODUCTS: CsItemPane */
  AdwPreferencesGroup *tax_group;
  char                *tax_checked;   /* the tax id the last clash check was for */
  char                *tax_clashes;   /* "also in the directory as …", or NULL */
  GtkLabel            *error_label;
  GSimpleAction       *save;
};

static void
editor_free (gpointer data)
{
  Editor *ed = data;

  if (ed->party != NULL)
    g_signal_handlers_disconnect_by_data (ed->party, ed);
  if (ed->product != NULL)
    g_signal_handlers_disconnect_by_data (ed->product->item, ed);
  g_clear_object (&ed->party);
  g_clear_pointer (&ed->product, cs_product_free);
  g_free (ed->tax_checked);
  g_free (ed->tax_clashes);
  g_hash_table_unref (ed->rows);
  g_clear_object (&ed->form);
  g_clear_object (&ed->save);
  g_free (ed);
}

static Editor *
editor_of (CsDirectoryWindow *self)
{
  return self->editor ? g_object_get_data (G_OBJECT (self->editor), "cs-editor") : NULL;
}

static void
editor_show_error (Editor     *ed,
                   const char *message)
{
  gtk_label_set_text (ed->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (ed->error_label), message != NULL);
}

static void
show_tax_note (Editor *ed)
{
  g_autofree char *bad = NULL;
  g_autofree char *note = NULL;

  if (ed->party->tax_id != NULL && *ed->party->tax_id != '\0')
    bad = cs_directory_check_tax_id (ed->party->country, ed->party->tax_id);
  note = bad && ed->tax_clashes ? g_strdup_printf ("%s\n%s", bad, ed->tax_clashes)
                                : g_strdup (bad ? bad : ed->tax_clashes);
  adw_preferences_group_set_description (ed->tax_group, note);
}

static gpointer
clashes_job (CsStore  *store,
             gpointer  data,
             GError  **error)
{
  JobData *job = data;

  return cs_directory_party_tax_id_clashes (store, job->text, job->id, error);
}

static void
clashes_done (CsDirectoryWindow *self,
              Call              *call,
              gpointer           value,
              GError            *error)
{
  g_autoptr(GPtrArray) found = value;
  Editor *ed = editor_of (self);

  /* a later check, or another dialog, has the say */
  if (ed == NULL || ed->kind != KIND_PARTIES || g_strcmp0 (ed->tax_checked, call->name) != 0)
    return;
  g_clear_pointer (&ed->tax_clashes, g_free);
  if (error != NULL)
    ed->tax_clashes = g_strdup (error->message);
  else if (found->len > 0)
    ed->tax_clashes = cs_directory_clash_text (found);
  show_tax_note (ed);
}

/* A tax id is checked as it is typed (USCI for CN), and against the other entries (on the
 * store thread). */
static void
update_tax_note (Editor *ed)
{
  const char *tax_id = ed->party->tax_id;

  if (g_strcmp0 (tax_id, ed->tax_checked) != 0)
    {
      g_free (ed->tax_checked);
      ed->tax_checked = g_strdup (tax_id);
      g_clear_pointer (&ed->tax_clashes, g_free);
      if (tax_id != NULL && *tax_id != '\0')
        {
          JobData *job = job_new (KIND_PARTIES);

          job->text = g_strdup (tax_id);
          job->id = ed->id;
          run_job (ed->self, clashes_job, job, (GDestroyNotify) g_ptr_array_unref, clashes_done, 0,
                   tax_id);
        }
    }
  show_tax_note (ed);
}

/* A new copy of the form @id of ui/cs-directory-window-forms.ui; its builder (ed->form, which
 * holds the form's objects) lives as long as the dialog. */
static GtkWidget *
load_form (Editor     *ed,
           const char *id)
{
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;

  g_assert (ed->form == NULL);
  ed->form = gtk_builder_new ();
  if (!gtk_builder_add_objects_from_resource (ed->form, RESOURCE_BASE "/ui/cs-directory-window-forms.ui",
                                              ids, &error))
    g_error ("%s", error->message);   /* a resource of our own: a build fault */
  return GTK_WIDGET (gtk_builder_get_object (ed->form, id));
}

/* The field rows under @widget, by field. */
static void
collect_field_rows (GHashTable *rows,
                    GtkWidget  *widget)
{
  if (CS_IS_FIELD_ROW (widget))
    {
      g_hash_table_insert (rows, (gpointer) cs_field_row_get_field (CS_FIELD_ROW (widget)), widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_field_rows (rows, c);
}

static GtkWidget *
build_party_page (Editor *ed)
{
  GtkWidget *page = load_form (ed, "party_page");
  GHashTableIter iter;
  gpointer field, row;

  ed->tax_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (ed->form, "tax_group"));
  collect_field_rows (ed->rows, page);
  g_hash_table_iter_init (&iter, ed->rows);
  while (g_hash_table_iter_next (&iter, &field, &row))
    {
      g_autofree char *path = g_strconcat ("party.", (const char *) field, NULL);

      if (cs_picker_row_get_picker (CS_FIELD_ROW (row)) != NULL)
        cs_field_row_set_catalog (CS_FIELD_ROW (row), cs_context_get_catalog (ed->self->context));
      cs_field_row_bind (CS_FIELD_ROW (row), CS_RECORD (ed->party), path, NULL);
    }
  g_signal_connect_swapped (ed->party, "notify", G_CALLBACK (update_tax_note), ed);
  update_tax_note (ed);
  return page;
}

static GtkWidget *
build_product_pages (Editor *ed)
{
  GtkWidget *stack = adw_view_stack_new ();
  GtkWidget *page = load_form (ed, "product_page");
  AdwViewStackPage *p;
  const char *values[G_N_ELEMENTS (product_fields)];
  g_autofree char *per_package = NULL;

  per_package = cs_format_number (ed->product->units_per_package, FALSE);
  values[0] = ed->product->code;
  values[1] = ed->product->description;
  values[2] = ed->product->description_zh;
  values[3] = ed->product->currency;
  values[4] = per_package;
  for (guint i = 0; i < G_N_ELEMENTS (product_fields); i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (ed->form, product_fields[i]));

      gtk_editable_set_text (GTK_EDITABLE (row), values[i] ? values[i] : "");
      g_hash_table_insert (ed->rows, (gpointer) product_fields[i], row);
    }
  p = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), page, "product", _("Product"));
  adw_view_stack_page_set_icon_name (p, "package-x-generic-symbolic");

  ed->pane = cs_item_pane_new_product_template (ed->self->context);
  cs_item_pane_set_item (CS_ITEM_PANE (ed->pane), ed->product->item, 0, NULL);
  /* Translators: tab of the product dialog with the weights, value ... of one piece */
  p = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), ed->pane, "unit", _("Per Unit"));
  adw_view_stack_page_set_icon_name (p, "view-list-symbolic");
  return stack;
}

static const char *
row_text (Editor     *ed,
          const char *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_hash_table_lookup (ed->rows, field)));
}

/* The row's text without surrounding spaces, NULL when empty. */
static char *
row_value (Editor     *ed,
           const char *field)
{
  char *text = g_strstrip (g_strdup (row_text (ed, field)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
save_done (CsDirectoryWindow *self,
           Call              *call,
           gpointer           value,
           GError            *error)
{
  Editor *ed = editor_of (self);

  if (ed != NULL)
    g_simple_action_set_enabled (ed->save, TRUE);
  if (error != NULL)
    {
      if (ed != NULL)
        editor_show_error (ed, error->message);
      else
        show_error (self, _("Not Saved"), error->message);
      return;
    }
  if (self->editor != NULL)
    gtk_window_destroy (self->editor);
  {
    g_autofree char *text = g_strdup_printf (_("Saved “%s”"), call->name);

    toast (self, text);
  }
  refresh (self, call->kind);
}

static void
editor_save_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  Editor *ed = user_data;
  JobData *job = job_new (ed->kind);
  const char *name;

  editor_show_error (ed, NULL);
  if (ed->kind == KIND_PRODUCTS)
    {
      CsProduct *p = cs_product_copy (ed->product);
      g_autofree char *per_package = row_value (ed, "units_per_package");
      double n = NAN;

      if (per_package != NULL && (!cs_parse_number (per_package, &n) || n <= 0))
        {
          g_autofree char *msg = g_strdup_printf (_("Units per package: “%s” is not a number above 0"),
                                                  per_package);

          cs_product_free (p);
          job_data_free (job);
          editor_show_error (ed, msg);
          return;
        }
      g_free (p->code);
      p->code = row_value (ed, "code");
      g_free (p->description);
      p->description = row_value (ed, "description");
      g_free (p->description_zh);
      p->description_zh = row_value (ed, "description_zh");
      g_free (p->currency);
      p->currency = row_value (ed, "currency");
      if (p->currency != NULL)
        {
          char *up = g_ascii_strup (p->currency, -1);

          g_free (p->currency);
          p->currency = up;
        }
      p->units_per_package = n;
      job->product = p;
      name = p->code ? p->code : "";
    }
  else
    {
      job->id = ed->id;
      job->party = CS_PARTY (cs_record_copy (CS_RECORD (ed->party)));
      name = cs_party_display_name (job->party);
    }
  g_simple_action_set_enabled (ed->save, FALSE);
  run_job (ed->self, save_job, job, NULL, save_done, 0, name);
}

/* Opens the dialog on a copy of @item's entry, or on a new entry when @item is NULL. */
static void
open_editor (CsDirectoryWindow *self,
             Kind               kind,
             CsDirectoryItem   *item)
{
  Editor *ed = g_new0 (Editor, 1);
  /* the dialog's shell, from ui/cs-directory-window-forms.ui, by a builder of its own: the
   * window lives on as a toplevel once the builder is let go (ed->form, which the dialog keeps,
   * must not hold the window that holds it) */
  g_autoptr(GtkBuilder) shell = gtk_builder_new ();
  const char *shell_ids[] = { "editor_window", NULL };
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *header, *cancel, *content;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  const char *title;

  if (!gtk_builder_add_objects_from_resource (shell, RESOURCE_BASE "/ui/cs-directory-window-forms.ui",
                                              shell_ids, &error))
    g_error ("%s", error->message);   /* a resource of our own: a build fault */
  window = GTK_WIDGET (gtk_builder_get_object (shell, "editor_window"));
  header = GTK_WIDGET (gtk_builder_get_object (shell, "editor_header"));
  cancel = GTK_WIDGET (gtk_builder_get_object (shell, "editor_cancel"));
  ed->error_label = GTK_LABEL (gtk_builder_get_object (shell, "editor_error"));

  if (self->editor != NULL)
    gtk_window_destroy (self->editor);
  ed->self = self;
  ed->kind = kind;
  ed->rows = g_hash_table_new (g_str_hash, g_str_equal);
  if (kind == KIND_PRODUCTS)
    {
      ed->product = item ? cs_product_copy (item->product) : cs_product_new ();
      ed->id = ed->product->id;
      title = item ? _("Edit Product") : _("New Product");
    }
  else
    {
      ed->party = item ? CS_PARTY (cs_record_copy (CS_RECORD (item->party->party))) : cs_party_new ();
      ed->id = item ? item->party->id : 0;
      title = item ? _("Edit Party") : _("New Party");
    }
  g_object_set_data_full (G_OBJECT (window), "cs-editor", ed, editor_free);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));

  ed->save = g_simple_action_new ("save", NULL);
  g_signal_connect (ed->save, "activate", G_CALLBACK (editor_save_cb), ed);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (ed->save));
  gtk_widget_insert_action_group (window, "editor", G_ACTION_GROUP (group));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);

  if (kind == KIND_PRODUCTS)
    {
      GtkWidget *switcher = adw_view_switcher_title_new ();

      content = build_product_pages (ed);
      adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (switcher), ADW_VIEW_STACK (content));
      adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (switcher), title);
      adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), switcher);
    }
  else
    content = build_party_page (ed);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (gtk_builder_get_object (shell, "editor_content")), content);

  g_set_weak_pointer (&self->editor, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- actions --------------------------------------------------------------------------------- */

static void
add_activated (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  CsDirectoryWindow *self = CS_DIRECTORY_WINDOW (widget);

  open_editor (self, current_kind (self), NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  CsDirectoryWindow *self = CS_DIRECTORY_WINDOW (widget);
  CsDirectoryItem *item = selected_item (self);

  if (item != NULL)
    open_editor (self, item->kind, item);
}

static void
delete_done (CsDirectoryWindow *self,
             Call              *call,
             gpointer           value,
             GError            *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      show_error (self, _("Not Deleted"), error->message);
      return;
    }
  text = g_strdup_printf (_("Deleted “%s”"), call->name);
  toast (self, text);
  refresh (self, call->kind);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CsDirectoryWindow *self)
{
  CsDirectoryItem *item = g_object_get_data (G_OBJECT (dialog), "cs-item");
  JobData *job;

  if (g_strcmp0 (response, "delete") != 0 || item == NULL)
    return;
  job = job_new (item->kind);
  job->id = item->kind == KIND_PRODUCTS ? item->product->id : item->party->id;
  run_job (self, delete_job, job, NULL, delete_done, 0, item->title ? item->title : "");
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  CsDirectoryWindow *self = CS_DIRECTORY_WINDOW (widget);
  CsDirectoryItem *item = selected_item (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), item->title ? item->title : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   item->kind == KIND_PRODUCTS
                                   ? _("The product leaves the catalogue. Cargo lines already filled from it keep their figures.")
                                   : _("The party leaves the directory. Drafts already filled from it keep their own copy."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A refused import: every problem, "file:row: column: what", in a scrollable list. */
static void
show_problems (CsDirectoryWindow *self,
               GError            *error,
               GPtrArray         *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *dialog, *scroller, *label;
  guint n = problems ? problems->len : 0;
  g_autofree char *body = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = cs_import_problem_to_string (problems->pdata[i]);

      g_string_append_printf (text, i > 0 ? "\n%s" : "%s", s);
    }
  if (n > 0)
    body = g_strdup_printf (ngettext ("Nothing was changed. Fix this row and import the file again.",
                                      "Nothing was changed. Fix these %u rows and import the file again.",
                                      n), n);
  else
    body = g_strdup_printf (_("Nothing was changed. %s"), error ? error->message : _("Unknown error"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Not Imported"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (n > 0)
    {
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 300);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      label = gtk_label_new (text->str);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Problems in the file"), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void import_done (CsDirectoryWindow *self,
                         Call              *call,
                         gpointer           value,
                         GError            *error);

static void
on_encoding_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         CsDirectoryWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "cs-path");
  Kind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cs-kind"));
  CsImportEncoding encoding;
  JobData *job;
  g_autofree char *name = NULL;

  if (!cs_import_encoding_from_name (response, &encoding) || encoding == CS_IMPORT_ENCODING_UTF8)
    return;   /* Cancel: nothing imported */
  job = job_new (kind);
  job->path = g_strdup (path);
  job->encoding = encoding;
  name = g_path_get_basename (path);
  run_job (self, import_job, job, import_result_free, import_done, 0, name);
}

/* A CSV file that is not UTF-8 (Chinese Excel writes GB18030): which encoding is it? The core's
 * message shows how its first non-ASCII line reads in each. */
static void
ask_encoding (CsDirectoryWindow *self,
              Call              *call,
              GError            *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Which Encoding?"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  for (int e = CS_IMPORT_ENCODING_UTF8 + 1; e < CS_IMPORT_N_ENCODINGS; e++)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), cs_import_encoding_name (e),
                                     cs_import_encoding_label (e));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              cs_import_encoding_name (CS_IMPORT_ENCODING_GB18030),
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           cs_import_encoding_name (CS_IMPORT_ENCODING_GB18030));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-path", g_strdup (call->path), g_free);
  g_object_set_data (G_OBJECT (dialog), "cs-kind", GINT_TO_POINTER (call->kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_encoding_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done (CsDirectoryWindow *self,
             Call              *call,
             gpointer           value,
             GError            *error)
{
  ImportResult *r = value;
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      show_problems (self, error, NULL);
      return;
    }
  if (!r->ok && g_error_matches (r->error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING))
    ask_encoding (self, call, r->error);
  else if (!r->ok)
    show_problems (self, r->error, r->problems);
  else
    {
      if (call->kind == KIND_PRODUCTS)
        text = g_strdup_printf (ngettext ("%u product imported", "%u products imported", r->n), r->n);
      else
        text = g_strdup_printf (ngettext ("%u party imported", "%u parties imported", r->n), r->n);
      toast (self, text);
      refresh (self, call->kind);
    }
  import_result_free (r);
}

static void
export_done (CsDirectoryWindow *self,
             Call              *call,
             gpointer           value,
             GError            *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      show_error (self, _("Not Exported"), error->message);
      return;
    }
  text = g_strdup_printf (_("Wrote %s"), call->name);
  toast (self, text);
}

/* Import or export @file (a local path) on the current page. */
static void
run_file_job (CsDirectoryWindow *self,
              GFile             *file,
              CsStoreJobFunc     func,
              GDestroyNotify     result_free,
              DoneFunc           done,
              const char        *failed_heading)
{
  JobData *job = job_new (current_kind (self));
  g_autofree char *name = g_file_get_basename (file);

  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      job_data_free (job);
      show_error (self, failed_heading, _("Only files on this computer can be read or written."));
      return;
    }
  run_job (self, func, job, result_free, done, 0, name);
}

void
cs_directory_window_import_file (CsDirectoryWindow *self,
                                 GFile             *file)
{
  g_return_if_fail (CS_IS_DIRECTORY_WINDOW (self));
  run_file_job (self, file, import_job, import_result_free, import_done, _("Not Imported"));
}

void
cs_directory_window_export_file (CsDirectoryWindow *self,
                                 GFile             *file)
{
  g_return_if_fail (CS_IS_DIRECTORY_WINDOW (self));
  run_file_job (self, file, export_job, NULL, export_done, _("Not Exported"));
}

static void
chooser_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     CsDirectoryWindow *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean export = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (export)
    cs_directory_window_export_file (self, file);
  else
    cs_directory_window_import_file (self, file);
}

static void
choose_file (CsDirectoryWindow *self,
             gboolean           export)
{
  Kind kind = current_kind (self);
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *title;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (kind == KIND_PRODUCTS)
    title = export ? _("Export Products") : _("Import Products");
  else
    title = export ? _("Export Parties") : _("Import Parties");
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                               export ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               export ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV or Excel files (.csv, .xlsx)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  if (export)
    /* Translators: file names offered when exporting; keep the .csv (or write .xlsx) */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       kind == KIND_PRODUCTS ? _("products.csv") : _("parties.csv"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  choose_file (CS_DIRECTORY_WINDOW (widget), FALSE);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  choose_file (CS_DIRECTORY_WINDOW (widget), TRUE);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
on_directory_changed_cb (CsDirectoryWindow *self,
                         const char        *what)
{
  int k = what != NULL ? kind_for_name (what) : -1;

  for (int i = 0; i < N_KINDS; i++)
    if (k < 0 || k == i)
      refresh_live (self, i);
}

static void
cs_directory_window_constructed (GObject *object)
{
  CsDirectoryWindow *self = CS_DIRECTORY_WINDOW (object);

  G_OBJECT_CLASS (cs_directory_window_parent_class)->constructed (object);
  g_return_if_fail (self->context != NULL);
  for (int k = 0; k < N_KINDS; k++)
    refresh (self, k);
  /* another clerk changed parties or products: the page(s) concerned list them again */
  self->watch = g_object_ref (cs_context_get_store_watch (self->context));   /* shared */
  g_signal_connect_object (self->watch, "directory-changed", G_CALLBACK (on_directory_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
cs_directory_window_dispose (GObject *object)
{
  CsDirectoryWindow *self = CS_DIRECTORY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  /* the watch is the context's, shared with the other windows: only stop listening */
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  if (self->editor != NULL)
    gtk_window_destroy (self->editor);
  g_clear_weak_pointer (&self->editor);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_DIRECTORY_WINDOW);
  for (int k = 0; k < N_KINDS; k++)
    {
      g_clear_object (&self->pages[k].selection);
      g_clear_object (&self->pages[k].model);
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cs_directory_window_parent_class)->dispose (object);
}

static void
cs_directory_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, CS_DIRECTORY_WINDOW (object)->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_directory_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      CS_DIRECTORY_WINDOW (object)->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
focus_search_activated (GtkWidget  *widget,
                        const char *action,
                        GVariant   *param)
{
  CsDirectoryWindow *self = CS_DIRECTORY_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->pages[current_kind (self)].search));
}

static void
cs_directory_window_class_init (CsDirectoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_directory_window_constructed;
  object_class->dispose = cs_directory_window_dispose;
  object_class->get_property = cs_directory_window_get_property;
  object_class->set_property = cs_directory_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the list rows' template names the item type */
  g_type_ensure (CS_TYPE_DIRECTORY_ITEM);
  g_type_ensure (CS_TYPE_FIELD_ROW);   /* the forms (ui/cs-directory-window-forms.ui) */
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-directory-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsDirectoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsDirectoryWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CsDirectoryWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsDirectoryWindow, status_label);
  gtk_widget_class_bind_template_child_full (widget_class, "parties_search", FALSE,
                                             G_STRUCT_OFFSET (CsDirectoryWindow, pages[KIND_PARTIES].search));
  gtk_widget_class_bind_template_child_full (widget_class, "parties_list", FALSE,
                                             G_STRUCT_OFFSET (CsDirectoryWindow, pages[KIND_PARTIES].list));
  gtk_widget_class_bind_template_child_full (widget_class, "parties_stack", FALSE,
                                             G_STRUCT_OFFSET (CsDirectoryWindow, pages[KIND_PARTIES].stack));
  gtk_widget_class_bind_template_child_full (widget_class, "products_search", FALSE,
                                             G_STRUCT_OFFSET (CsDirectoryWindow, pages[KIND_PRODUCTS].search));
  gtk_widget_class_bind_template_child_full (widget_class, "products_list", FALSE,
                                             G_STRUCT_OFFSET (CsDirectoryWindow, pages[KIND_PRODUCTS].list));
  gtk_widget_class_bind_template_child_full (widget_class, "products_stack", FALSE,
                                             G_STRUCT_OFFSET (CsDirectoryWindow, pages[KIND_PRODUCTS].stack));
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "directory.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "directory.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "directory.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "directory.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "directory.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "directory.focus-search", NULL, focus_search_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "directory.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "directory.focus-search", NULL);
}

static void
cs_directory_window_init (CsDirectoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (int k = 0; k < N_KINDS; k++)
    {
      Page *page = &self->pages[k];

      page->model = g_list_store_new (CS_TYPE_DIRECTORY_ITEM);
      page->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (page->model)));
      g_signal_connect_swapped (page->selection, "notify::selected-item",
                                G_CALLBACK (update_actions), self);
      gtk_list_view_set_model (page->list, GTK_SELECTION_MODEL (page->selection));
    }
  on_page_changed_cb (self);
}

/* ---- public API ------------------------------------------------------------------------------ */

GtkWidget *
cs_directory_window_new (CsContext *context)
{
  return g_object_new (CS_TYPE_DIRECTORY_WINDOW, "context", context, NULL);
}

void
cs_directory_window_show_page (CsDirectoryWindow *self,
                               const char        *page)
{
  g_return_if_fail (CS_IS_DIRECTORY_WINDOW (self));
  g_return_if_fail (kind_for_name (page) >= 0);
  adw_view_stack_set_visible_child_name (self->view_stack, page);
}

const char *
cs_directory_window_get_page (CsDirectoryWindow *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_WINDOW (self), NULL);
  return page_names[current_kind (self)];
}

GListModel *
cs_directory_window_get_model (CsDirectoryWindow *self,
                               const char        *page)
{
  int k = kind_for_name (page);

  g_return_val_if_fail (CS_IS_DIRECTORY_WINDOW (self), NULL);
  g_return_val_if_fail (k >= 0, NULL);
  return G_LIST_MODEL (self->pages[k].model);
}

GtkWidget *
cs_directory_window_get_search (CsDirectoryWindow *self,
                                const char        *page)
{
  int k = kind_for_name (page);

  g_return_val_if_fail (CS_IS_DIRECTORY_WINDOW (self), NULL);
  g_return_val_if_fail (k >= 0, NULL);
  return GTK_WIDGET (self->pages[k].search);
}

const char *
cs_directory_window_get_status (CsDirectoryWindow *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->status_revealer)
         ? gtk_label_get_text (self->status_label) : NULL;
}

gboolean
cs_directory_window_is_busy (CsDirectoryWindow *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_WINDOW (self), FALSE);
  return self->busy > 0;
}

GtkWindow *
cs_directory_window_get_editor (CsDirectoryWindow *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_WINDOW (self), NULL);
  return self->editor;
}

GtkWidget *
cs_directory_window_get_editor_row (CsDirectoryWindow *self,
                                    const char        *field)
{
  Editor *ed;
  GtkWidget *row;

  g_return_val_if_fail (CS_IS_DIRECTORY_WINDOW (self), NULL);
  if ((ed = editor_of (self)) == NULL)
    return NULL;
  if ((row = g_hash_table_lookup (ed->rows, field)) != NULL)
    return row;
  return ed->pane ? cs_item_pane_get_row (CS_ITEM_PANE (ed->pane), field) : NULL;
}
