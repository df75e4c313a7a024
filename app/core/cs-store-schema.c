/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-schema.c: the draft store's schema, one migration step per version
 *
 * Step N turns a database of user_version N into one of version N + 1; cs_store_open() runs
 * the missing steps and sets user_version inside one BEGIN IMMEDIATE transaction. Never edit a
 * step once it has shipped: add a new one (and a fixture test from the old version).
 *
 * Layout: one row per manifest with every header field as a column; one
 * table per list (parties, legs, containers, items, documents, splits) keyed by (manifest, pos);
 * and the identifiers people look up across drafts as rows with indexes of their own: VINs,
 * machine serials, container numbers and seals. Numbers are REAL (NULL = absent), booleans
 * INTEGER, and `present` holds one bit per optional sub-block (so that an empty block and an
 * absent one stay different) plus bits for vectors kept in child tables.
 *
 * The rows below an item (vins, serials, splits) refer to their manifest, not to the item row:
 * with a foreign key to items, deleting a 100,000-item draft's items would run three cascade
 * look-ups per item (0.6 s on the reference machine), and a save rewrites them all. The save
 * code always replaces a draft's rows together in one transaction, and the reader ignores any
 * row whose item does not exist.
 */

#include "config.h"

#include "cs-store-private.h"

const CsStoreMigration _cs_store_migrations[] = {
  /* v0 -> v1: the drafts */
  {
    .sqlite =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE manifests ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  reference TEXT UNIQUE,"
    "  status TEXT CHECK (status IN ('draft', 'ready', 'exported', 'archived')),"
    "  direction TEXT,"
    "  corridor TEXT,"
    "  place_of_receipt TEXT,"
    "  port_of_loading TEXT,"
    "  port_of_discharge TEXT,"
    "  place_of_delivery TEXT,"
    "  td_type TEXT,"
    "  td_number TEXT,"
    "  incoterm_code TEXT,"
    "  incoterm_place TEXT,"
    "  currency TEXT,"
    "  invoice_number TEXT,"
    "  invoice_date TEXT,"
    "  invoice_total REAL,"
    "  preference TEXT,"
    "  notes TEXT,"
    "  present INTEGER NOT NULL DEFAULT 0,"
    "  revision INTEGER NOT NULL DEFAULT 1,"
    "  created INTEGER NOT NULL,"
    "  updated INTEGER NOT NULL,"
    "  n_items INTEGER NOT NULL DEFAULT 0"
    ") STRICT;"
    "CREATE TABLE parties ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  role TEXT NOT NULL CHECK (role IN ('shipper', 'consignee', 'notify', 'declarant', 'carrier')),"
    "  name TEXT, name_latin TEXT, address TEXT, city TEXT, postcode TEXT, country TEXT,"
    "  tax_id TEXT, contact TEXT, phone TEXT, email TEXT,"
    "  PRIMARY KEY (manifest_id, role)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE legs ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  mode TEXT, from_locode TEXT, to_locode TEXT, carrier TEXT, voyage TEXT, etd TEXT, eta TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE containers ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  present INTEGER NOT NULL DEFAULT 0,"
    "  number TEXT COLLATE NOCASE,"
    "  size_type TEXT,"
    "  tare_kg REAL, max_gross_kg REAL, vgm_kg REAL, vgm_method REAL,"
    "  reefer_setpoint_c REAL, reefer_humidity_pct REAL, reefer_vent_cmh REAL,"
    "  pending TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX containers_number ON containers (number);"
    "CREATE TABLE seals ("
    "  manifest_id TEXT NOT NULL,"
    "  container_pos INTEGER NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  seal TEXT NOT NULL COLLATE NOCASE,"
    "  PRIMARY KEY (manifest_id, container_pos, pos),"
    "  FOREIGN KEY (manifest_id, container_pos) REFERENCES containers (manifest_id, pos) ON DELETE CASCADE"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX seals_seal ON seals (seal);"
    "CREATE TABLE items ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  present INTEGER NOT NULL DEFAULT 0,"
    "  line REAL, category TEXT, description TEXT, hs_code TEXT, quantity REAL, unit TEXT,"
    "  pkg_count REAL, pkg_type TEXT,"
    "  net_kg REAL, gross_kg REAL, volume_m3 REAL, value REAL,"
    "  origin_country TEXT, marks TEXT, container TEXT COLLATE NOCASE,"
    "  dg_un_number TEXT, dg_class TEXT, dg_packing_group TEXT, dg_proper_shipping_name TEXT,"
    "  veh_make TEXT, veh_model TEXT, veh_model_year REAL, veh_powertrain TEXT, veh_condition TEXT,"
    "  veh_battery_kwh REAL,"
    "  el_battery TEXT, el_chemistry TEXT, el_wh_per_unit REAL,"
    "  mach_dual_use INTEGER NOT NULL DEFAULT 0, mach_licence_no TEXT,"
    "  per_product TEXT, per_temp_min_c REAL, per_temp_max_c REAL,"
    "  per_frozen INTEGER NOT NULL DEFAULT 0, per_shelf_life_days REAL, per_packed_on TEXT,"
    "  per_humidity_pct REAL, per_ethylene TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE vins ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  item_pos INTEGER NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  vin TEXT NOT NULL COLLATE NOCASE,"
    "  PRIMARY KEY (manifest_id, item_pos, pos)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX vins_vin ON vins (vin);"
    "CREATE TABLE serials ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  item_pos INTEGER NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  serial TEXT NOT NULL COLLATE NOCASE,"
    "  PRIMARY KEY (manifest_id, item_pos, pos)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX serials_serial ON serials (serial);"
    "CREATE TABLE splits ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  item_pos INTEGER NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  container TEXT COLLATE NOCASE,"
    "  packages REAL,"
    "  PRIMARY KEY (manifest_id, item_pos, pos)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE documents ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  present INTEGER NOT NULL DEFAULT 0,"
    "  kind TEXT, number TEXT, issued_on TEXT, expires_on TEXT, issuer TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE document_covers ("
    "  manifest_id TEXT NOT NULL,"
    "  doc_pos INTEGER NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  PRIMARY KEY (manifest_id, doc_pos, pos),"
    "  FOREIGN KEY (manifest_id, doc_pos) REFERENCES documents (manifest_id, pos) ON DELETE CASCADE"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE templates ("
    "  name TEXT PRIMARY KEY NOT NULL,"
    "  manifest TEXT NOT NULL,"
    "  updated INTEGER NOT NULL"
    ") STRICT;",
    .postgresql =
    /* our case-blind look-ups are lower () = lower (), on indexes of lower () */
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value BIGINT NOT NULL"
    ");"
    "CREATE TABLE manifests ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  reference TEXT UNIQUE,"
    "  status TEXT CHECK (status IN ('draft', 'ready', 'exported', 'archived')),"
    "  direction TEXT,"
    "  corridor TEXT,"
    "  place_of_receipt TEXT,"
    "  port_of_loading TEXT,"
    "  port_of_discharge TEXT,"
    "  place_of_delivery TEXT,"
    "  td_type TEXT,"
    "  td_number TEXT,"
    "  incoterm_code TEXT,"
    "  incoterm_place TEXT,"
    "  currency TEXT,"
    "  invoice_number TEXT,"
    "  invoice_date TEXT,"
    "  invoice_total DOUBLE PRECISION,"
    "  preference TEXT,"
    "  notes TEXT,"
    "  present BIGINT NOT NULL DEFAULT 0,"
    "  revision BIGINT NOT NULL DEFAULT 1,"
    "  created BIGINT NOT NULL,"
    "  updated BIGINT NOT NULL,"
    "  n_items BIGINT NOT NULL DEFAULT 0"
    ");"
    "CREATE TABLE parties ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  role TEXT NOT NULL CHECK (role IN ('shipper', 'consignee', 'notify', 'declarant', 'carrier')),"
    "  name TEXT, name_latin TEXT, address TEXT, city TEXT, postcode TEXT, country TEXT,"
    "  tax_id TEXT, contact TEXT, phone TEXT, email TEXT,"
    "  PRIMARY KEY (manifest_id, role)"
    ");"
    "CREATE TABLE legs ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos BIGINT NOT NULL,"
    "  mode TEXT, from_locode TEXT, to_locode TEXT, carrier TEXT, voyage TEXT, etd TEXT, eta TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ");"
    "CREATE TABLE containers ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos BIGINT NOT NULL,"
    "  present BIGINT NOT NULL DEFAULT 0,"
    "  number TEXT,"
    "  size_type TEXT,"
    "  tare_kg DOUBLE PRECISION, max_gross_kg DOUBLE PRECISION, vgm_kg DOUBLE PRECISION, vgm_method DOUBLE PRECISION,"
    "  reefer_setpoint_c DOUBLE PRECISION, reefer_humidity_pct DOUBLE PRECISION, reefer_vent_cmh DOUBLE PRECISION,"
    "  pending TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ");"
    "CREATE INDEX containers_number ON containers (lower (number));"
    "CREATE TABLE seals ("
    "  manifest_id TEXT NOT NULL,"
    "  container_pos BIGINT NOT NULL,"
    "  pos BIGINT NOT NULL,"
    "  seal TEXT NOT NULL,"
    "  PRIMARY KEY (manifest_id, container_pos, pos),"
    "  FOREIGN KEY (manifest_id, container_pos) REFERENCES containers (manifest_id, pos) ON DELETE CASCADE"
    ");"
    "CREATE INDEX seals_seal ON seals (lower (seal));"
    "CREATE TABLE items ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos BIGINT NOT NULL,"
    "  present BIGINT NOT NULL DEFAULT 0,"
    "  line DOUBLE PRECISION, category TEXT, description TEXT, hs_code TEXT, quantity DOUBLE PRECISION, unit TEXT,"
    "  pkg_count DOUBLE PRECISION, pkg_type TEXT,"
    "  net_kg DOUBLE PRECISION, gross_kg DOUBLE PRECISION, volume_m3 DOUBLE PRECISION, value DOUBLE PRECISION,"
    "  origin_country TEXT, marks TEXT, container TEXT,"
    "  dg_un_number TEXT, dg_class TEXT, dg_packing_group TEXT, dg_proper_shipping_name TEXT,"
    "  veh_make TEXT, veh_model TEXT, veh_model_year DOUBLE PRECISION, veh_powertrain TEXT, veh_condition TEXT,"
    "  veh_battery_kwh DOUBLE PRECISION,"
    "  el_battery TEXT, el_chemistry TEXT, el_wh_per_unit DOUBLE PRECISION,"
    "  mach_dual_use BIGINT NOT NULL DEFAULT 0, mach_licence_no TEXT,"
    "  per_product TEXT, per_temp_min_c DOUBLE PRECISION, per_temp_max_c DOUBLE PRECISION,"
    "  per_frozen BIGINT NOT NULL DEFAULT 0, per_shelf_life_days DOUBLE PRECISION, per_packed_on TEXT,"
    "  per_humidity_pct DOUBLE PRECISION, per_ethylene TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ");"
    "CREATE TABLE vins ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  item_pos BIGINT NOT NULL,"
    "  pos BIGINT NOT NULL,"
    "  vin TEXT NOT NULL,"
    "  PRIMARY KEY (manifest_id, item_pos, pos)"
    ");"
    "CREATE INDEX vins_vin ON vins (lower (vin));"
    "CREATE TABLE serials ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  item_pos BIGINT NOT NULL,"
    "  pos BIGINT NOT NULL,"
    "  serial TEXT NOT NULL,"
    "  PRIMARY KEY (manifest_id, item_pos, pos)"
    ");"
    "CREATE INDEX serials_serial ON serials (lower (serial));"
    "CREATE TABLE splits ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  item_pos BIGINT NOT NULL,"
    "  pos BIGINT NOT NULL,"
    "  container TEXT,"
    "  packages DOUBLE PRECISION,"
    "  PRIMARY KEY (manifest_id, item_pos, pos)"
    ");"
    "CREATE TABLE documents ("
    "  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,"
    "  pos BIGINT NOT NULL,"
    "  present BIGINT NOT NULL DEFAULT 0,"
    "  kind TEXT, number TEXT, issued_on TEXT, expires_on TEXT, issuer TEXT,"
    "  PRIMARY KEY (manifest_id, pos)"
    ");"
    "CREATE TABLE document_covers ("
    "  manifest_id TEXT NOT NULL,"
    "  doc_pos BIGINT NOT NULL,"
    "  pos BIGINT NOT NULL,"
    "  line BIGINT NOT NULL,"
    "  PRIMARY KEY (manifest_id, doc_pos, pos),"
    "  FOREIGN KEY (manifest_id, doc_pos) REFERENCES documents (manifest_id, pos) ON DELETE CASCADE"
    ");"
    "CREATE TABLE templates ("
    "  name TEXT PRIMARY KEY NOT NULL,"
    "  manifest TEXT NOT NULL,"
    "  updated BIGINT NOT NULL"
    ");",
  },
  /* v1 -> v2: the exports audit table, validation counts for the drafts list, UI state */
  {
    .sqlite =
    "CREATE TABLE exports ("
    "  id INTEGER PRIMARY KEY,"
    "  manifest_id TEXT REFERENCES manifests (id) ON DELETE SET NULL,"
    "  reference TEXT,"
    "  format TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
    "  time INTEGER NOT NULL,"
    "  revision INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX exports_manifest ON exports (manifest_id, id);"
    "CREATE TABLE ui_state ("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") STRICT;"
    "ALTER TABLE manifests ADD COLUMN n_errors INTEGER NOT NULL DEFAULT -1;"
    "ALTER TABLE manifests ADD COLUMN n_warnings INTEGER NOT NULL DEFAULT -1;"
    "CREATE INDEX manifests_updated ON manifests (updated);",
    .postgresql =
    "CREATE TABLE exports ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  manifest_id TEXT REFERENCES manifests (id) ON DELETE SET NULL,"
    "  reference TEXT,"
    "  format TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
    "  time BIGINT NOT NULL,"
    "  revision BIGINT NOT NULL"
    ");"
    "CREATE INDEX exports_manifest ON exports (manifest_id, id);"
    "CREATE TABLE ui_state ("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ");"
    "ALTER TABLE manifests ADD COLUMN n_errors BIGINT NOT NULL DEFAULT -1;"
    "ALTER TABLE manifests ADD COLUMN n_warnings BIGINT NOT NULL DEFAULT -1;"
    "CREATE INDEX manifests_updated ON manifests (updated);",
  },
  /* v2 -> v3: each leg's conveyance (vessel) and carrier code; what an EDIFACT export sent to
   * whom (recipient, message function 9/5/1, interchange reference), so that a resend is a
   * replacement and a cancellation can name what it cancels */
  {
    .sqlite =
    "ALTER TABLE legs ADD COLUMN present INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE legs ADD COLUMN vessel_name TEXT;"
    "ALTER TABLE legs ADD COLUMN vessel_imo TEXT;"
    "ALTER TABLE legs ADD COLUMN vessel_call_sign TEXT;"
    "ALTER TABLE legs ADD COLUMN vessel_flag TEXT;"
    "ALTER TABLE legs ADD COLUMN carrier_code TEXT;"
    "ALTER TABLE exports ADD COLUMN recipient TEXT;"
    "ALTER TABLE exports ADD COLUMN message_function TEXT;"
    "ALTER TABLE exports ADD COLUMN interchange TEXT;"
    "CREATE INDEX exports_recipient ON exports (manifest_id, format, recipient, id);",
    .postgresql =
    "ALTER TABLE legs ADD COLUMN present BIGINT NOT NULL DEFAULT 0;"
    "ALTER TABLE legs ADD COLUMN vessel_name TEXT;"
    "ALTER TABLE legs ADD COLUMN vessel_imo TEXT;"
    "ALTER TABLE legs ADD COLUMN vessel_call_sign TEXT;"
    "ALTER TABLE legs ADD COLUMN vessel_flag TEXT;"
    "ALTER TABLE legs ADD COLUMN carrier_code TEXT;"
    "ALTER TABLE exports ADD COLUMN recipient TEXT;"
    "ALTER TABLE exports ADD COLUMN message_function TEXT;"
    "ALTER TABLE exports ADD COLUMN interchange TEXT;"
    "CREATE INDEX exports_recipient ON exports (manifest_id, format, recipient, id);",
  },
  /* v3 -> v4: master data (cs-directory.h): the party directory (each entry a whole party as
   * JSON, with the columns searched beside it; tax ids not unique, clashes are reported) and the
   * product catalogue (codes unique, the per-unit template item as JSON) */
  {
    .sqlite =
    "CREATE TABLE directory_parties ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT, name_latin TEXT, tax_id TEXT, country TEXT,"
    "  record TEXT NOT NULL,"
    "  updated INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX directory_parties_tax_id ON directory_parties (tax_id COLLATE NOCASE);"
    "CREATE INDEX directory_parties_name ON directory_parties (name COLLATE NOCASE);"
    "CREATE TABLE directory_products ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  description TEXT, description_zh TEXT, hs_code TEXT,"
    "  currency TEXT, units_per_package REAL,"
    "  template TEXT NOT NULL,"
    "  updated INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX directory_products_hs_code ON directory_products (hs_code);",
    .postgresql =
    "CREATE TABLE directory_parties ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  name TEXT, name_latin TEXT, tax_id TEXT, country TEXT,"
    "  record TEXT NOT NULL,"
    "  updated BIGINT NOT NULL"
    ");"
    "CREATE INDEX directory_parties_tax_id ON directory_parties (lower (tax_id));"
    "CREATE INDEX directory_parties_name ON directory_parties (lower (name));"
    "CREATE TABLE directory_products ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  code TEXT NOT NULL,"
    "  description TEXT, description_zh TEXT, hs_code TEXT,"
    "  currency TEXT, units_per_package DOUBLE PRECISION,"
    "  template TEXT NOT NULL,"
    "  updated BIGINT NOT NULL"
    ");"
    "CREATE UNIQUE INDEX directory_products_code ON directory_products (lower (code));"
    "CREATE INDEX directory_products_hs_code ON directory_products (hs_code);",
  },
  /* v4 -> v5: the exports audit records how many errors the validator found in what was exported
   * (NULL: not validated) and whether someone confirmed exporting in spite of them */
  {
    .sqlite =
    "ALTER TABLE exports ADD COLUMN n_errors INTEGER;"
    "ALTER TABLE exports ADD COLUMN errors_confirmed INTEGER NOT NULL DEFAULT 0"
    "  CHECK (errors_confirmed IN (0, 1));",
    .postgresql =
    "ALTER TABLE exports ADD COLUMN n_errors BIGINT;"
    "ALTER TABLE exports ADD COLUMN errors_confirmed BIGINT NOT NULL DEFAULT 0"
    "  CHECK (errors_confirmed IN (0, 1));",
  },
  /* v5 -> v6: a cargo line keeps the product code of the catalogue entry it was filled from */
  {
    .sqlite =
    "ALTER TABLE items ADD COLUMN product TEXT;",
    .postgresql =
    "ALTER TABLE items ADD COLUMN product TEXT;",
  },
  /* v6 -> v7: each VIN or machinery serial may name the container it travels in (NULL: none) */
  {
    .sqlite =
    "ALTER TABLE vins ADD COLUMN container TEXT;"
    "ALTER TABLE serials ADD COLUMN container TEXT;",
    .postgresql =
    "ALTER TABLE vins ADD COLUMN container TEXT;"
    "ALTER TABLE serials ADD COLUMN container TEXT;",
  },
  /* v7 -> v8: who saved each draft's last revision and who recorded each export (NULL: from
   * before this step, unknown). SQLite: the code writes the name of the person running Consign.
   * PostgreSQL: triggers write the session's current_user, whatever the client sent, and tell
   * listeners what changed (LISTEN consign_drafts: the draft's id; consign_directory: "parties"
   * or "products"); see cs-store.h. The author of a draft changes only with its revision: a
   * status or count update leaves it. */
  {
    .sqlite =
    "ALTER TABLE manifests ADD COLUMN updated_by TEXT;"
    "ALTER TABLE exports ADD COLUMN exported_by TEXT;",
    .postgresql =
    "ALTER TABLE manifests ADD COLUMN updated_by TEXT;"
    "ALTER TABLE exports ADD COLUMN exported_by TEXT;"
    "CREATE FUNCTION consign_manifest_author () RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF TG_OP = 'INSERT' OR NEW.revision IS DISTINCT FROM OLD.revision THEN"
    "   NEW.updated_by := current_user;"
    "  ELSE"
    "   NEW.updated_by := OLD.updated_by;"
    "  END IF;"
    "  RETURN NEW;"
    " END $$;"
    "CREATE TRIGGER manifests_author BEFORE INSERT OR UPDATE ON manifests"
    "  FOR EACH ROW EXECUTE FUNCTION consign_manifest_author ();"
    "CREATE FUNCTION consign_export_author () RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "   NEW.exported_by := current_user;"
    "  ELSE"
    "   NEW.exported_by := OLD.exported_by;"
    "  END IF;"
    "  RETURN NEW;"
    " END $$;"
    "CREATE TRIGGER exports_author BEFORE INSERT OR UPDATE ON exports"
    "  FOR EACH ROW EXECUTE FUNCTION consign_export_author ();"
    "CREATE FUNCTION consign_notify_draft () RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF TG_OP = 'DELETE' THEN"
    "   PERFORM pg_notify ('consign_drafts', OLD.id);"
    "  ELSE"
    "   PERFORM pg_notify ('consign_drafts', NEW.id);"
    "  END IF;"
    "  RETURN NULL;"
    " END $$;"
    "CREATE TRIGGER manifests_notify AFTER INSERT OR UPDATE OR DELETE ON manifests"
    "  FOR EACH ROW EXECUTE FUNCTION consign_notify_draft ();"
    "CREATE FUNCTION consign_notify_directory () RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  PERFORM pg_notify ('consign_directory', TG_ARGV[0]);"
    "  RETURN NULL;"
    " END $$;"
    "CREATE TRIGGER directory_parties_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
    "  ON directory_parties FOR EACH STATEMENT EXECUTE FUNCTION consign_notify_directory ('parties');"
    "CREATE TRIGGER directory_products_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
    "  ON directory_products FOR EACH STATEMENT EXECUTE FUNCTION consign_notify_directory ('products');",
  },
  /* v8 -> v9: PostgreSQL's group roles (README: roles). consign_clerk may read everything, save
   * drafts (their rows are updated, inserted and trimmed: DELETE on the row tables), set status
   * and counts, record exports (and what an EDIFACT export sent: three columns of the row), take
   * EDIFACT references (meta) and keep UI state, but not delete
   * a draft (no DELETE on manifests), nor change the templates or the directory of parties and
   * products. consign_owner may do everything. The roles belong to the whole server: they are
   * made once, by whoever first migrates a database with the right to (CREATEROLE or superuser);
   * without it the step only says so (a NOTICE) and grants to the roles that exist. The grants
   * are a function, consign_grant_roles (), that the tables' owner runs again once an
   * administrator has made the roles. A table added by a later step must be granted in that step
   * (and in the function). SQLite has no roles: nothing to do. */
  {
    .sqlite = "",
    .postgresql =
    "CREATE FUNCTION consign_grant_roles () RETURNS void LANGUAGE plpgsql AS $$"
    " DECLARE"
    "  all_tables CONSTANT TEXT := 'meta, manifests, parties, legs, containers, seals, items, vins,"
    " serials, splits, documents, document_covers, templates, exports, ui_state, directory_parties,"
    " directory_products';"
    "  draft_rows CONSTANT TEXT := 'parties, legs, containers, seals, items, vins, serials, splits,"
    " documents, document_covers';"
    "  sequences CONSTANT TEXT[] := ARRAY[pg_get_serial_sequence ('exports', 'id'),"
    " pg_get_serial_sequence ('directory_parties', 'id'), pg_get_serial_sequence ('directory_products', 'id')];"
    " BEGIN"
    "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_clerk') THEN"
    "   EXECUTE format ('GRANT USAGE ON SCHEMA %I TO consign_clerk', current_schema ());"
    "   EXECUTE 'GRANT SELECT ON ' || all_tables || ' TO consign_clerk';"
    "   EXECUTE 'GRANT INSERT, UPDATE ON manifests, meta TO consign_clerk';"
    "   EXECUTE 'GRANT INSERT, UPDATE, DELETE ON ui_state, ' || draft_rows || ' TO consign_clerk';"
    "   EXECUTE 'GRANT INSERT, UPDATE (recipient, message_function, interchange) ON exports TO consign_clerk';"
    "   EXECUTE format ('GRANT USAGE ON SEQUENCE %s TO consign_clerk', sequences[1]);"
    "  END IF;"
    "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_owner') THEN"
    "   EXECUTE format ('GRANT USAGE ON SCHEMA %I TO consign_owner', current_schema ());"
    "   EXECUTE 'GRANT ALL ON ' || all_tables || ' TO consign_owner';"
    "   EXECUTE format ('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s, %s, %s TO consign_owner',"
    "                   sequences[1], sequences[2], sequences[3]);"
    "  END IF;"
    " END $$;"
    "DO $$"
    " DECLARE"
    "  role_name TEXT;"
    " BEGIN"
    "  FOREACH role_name IN ARRAY ARRAY['consign_clerk', 'consign_owner'] LOOP"
    "   IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN"
    "    BEGIN"
    "     EXECUTE format ('CREATE ROLE %I NOLOGIN', role_name);"
    "    EXCEPTION WHEN insufficient_privilege THEN"
    "     RAISE NOTICE 'Consign: % may not create the role %; an administrator can create it, then"
    " the owner of the tables runs SELECT consign_grant_roles () (README: roles)', current_user, role_name;"
    /* another database of the same server made it at the same moment: it is there */
    "     WHEN duplicate_object OR unique_violation THEN NULL;"
    "    END;"
    "   END IF;"
    "  END LOOP;"
    "  PERFORM consign_grant_roles ();"
    " END $$;",
  },
  /* v9 -> v10: the trail of every draft's changes (issue 12: every change records who made it).
   * draft_changes holds one row per change of a draft, written by triggers on manifests (so that
   * no client, Consign's own code included, can skip one or choose its author):
   * - 'created' (a new draft: its first revision, new_status), 'restored' (a draft that was
   *   deleted inserted again under its id, as the editor does when its clerk keeps a draft someone
   *   else deleted, or an import of it), 'saved' (a new revision, with
   *   old_status and new_status as they were before and after, equal when the save kept it),
   *   'status' (the status changed without a new revision), 'deleted' (revision and old_status
   *   as the draft last was);
   * - reference: the draft's reference at that change (so that a deleted draft can be found);
   * - changed_by: PostgreSQL: the login role (session_user, which only a superuser can change),
   *   followed by " (as ROLE)" when the session acts as another role by SET ROLE, so that
   *   switching to a group role never hides who it was; SQLite: consign_user(), the name of the
   *   person running Consign, which every connection Consign opens defines (cs-db-sqlite.h);
   * - changed_at: the time of the change in microseconds since 1970 UTC, from the database's
   *   clock (SQLite: milliseconds precise);
   * - reconstructed: 0 for every row the triggers write. An upgraded store gets one row per
   *   existing draft with reconstructed = 1: 'created' (revision 1) or 'saved' (a later revision)
   *   by updated_by (NULL: unknown, saved before schema 8) at the draft's last save, that is what
   *   the store knew of the draft's last change; what came before it was never recorded and is
   *   not made up. An auditor sees where the trail begins and on what it rests.
   * The rows refer to a draft by id without a foreign key: they outlive the draft. Ordered by id.
   * PostgreSQL: the trigger function runs as the tables' owner (SECURITY DEFINER, EXECUTE
   * revoked from PUBLIC so that nobody can attach it to a table of their own). Such a function
   * searches only pg_catalog (and pg_temp, where functions and operators are never looked up) and
   * names this schema's tables in full: a role that may create objects in this schema (as
   * PUBLIC may in `public` before PostgreSQL 15) cannot get its own function or operator called
   * as the owner. The bodies are written with "@." before each table and made with the schema's
   * quoted name put there. Clerks and owners
   * may only read the table: its rows are append-only for everyone but the tables' owner. A
   * TRUNCATE of manifests (an owner may) records a 'deleted' row for every draft first.
   * The reviewer's finding of schema 9: a clerk could UPDATE meta, and so its schema_version.
   * Clerks now only read meta; the one thing they wrote there, the EDIFACT interchange counter,
   * is taken through consign_next_interchange_ref () (SECURITY DEFINER: it adds one to that row
   * and nothing else). consign_grant_roles () is replaced to grant all this and revoke what a
   * database of schema 9 had granted.
   * SQLite has no roles: whoever may write the file may change any row of it, this table's too;
   * the trail holds for everything done through Consign. */
  {
    .sqlite =
    "CREATE TABLE draft_changes ("
    "  id INTEGER PRIMARY KEY,"
    "  manifest_id TEXT NOT NULL,"
    "  reference TEXT,"
    "  revision INTEGER,"
    "  kind TEXT NOT NULL CHECK (kind IN ('created', 'restored', 'saved', 'status', 'deleted')),"
    "  old_status TEXT,"
    "  new_status TEXT,"
    "  changed_by TEXT,"
    "  changed_at INTEGER NOT NULL,"
    "  reconstructed INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1))"
    ") STRICT;"
    "CREATE INDEX draft_changes_manifest ON draft_changes (manifest_id, id);"
    "CREATE INDEX draft_changes_reference ON draft_changes (reference, id);"
    "CREATE INDEX draft_changes_time ON draft_changes (changed_at, id);"
    "INSERT INTO draft_changes (manifest_id, reference, revision, kind, new_status, changed_by,"
    "                           changed_at, reconstructed)"
    "  SELECT id, reference, revision, CASE WHEN revision = 1 THEN 'created' ELSE 'saved' END, status,"
    "         updated_by, updated, 1 FROM manifests ORDER BY updated, id;"
    /* julianday ('now') is milliseconds precise, and the same for every row of one statement */
    "CREATE TRIGGER manifests_created AFTER INSERT ON manifests BEGIN"
    "  INSERT INTO draft_changes (manifest_id, reference, revision, kind, new_status, changed_by, changed_at)"
    "  VALUES (NEW.id, NEW.reference, NEW.revision,"
    "          CASE WHEN EXISTS (SELECT 1 FROM draft_changes WHERE manifest_id = NEW.id)"
    "               THEN 'restored' ELSE 'created' END, NEW.status, consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;"
    "CREATE TRIGGER manifests_changed AFTER UPDATE OF revision, status ON manifests"
    "  WHEN NEW.revision IS NOT OLD.revision OR NEW.status IS NOT OLD.status BEGIN"
    "  INSERT INTO draft_changes (manifest_id, reference, revision, kind, old_status, new_status,"
    "                             changed_by, changed_at)"
    "  VALUES (NEW.id, NEW.reference, NEW.revision,"
    "          CASE WHEN NEW.revision IS NOT OLD.revision THEN 'saved' ELSE 'status' END,"
    "          OLD.status, NEW.status, consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;"
    "CREATE TRIGGER manifests_deleted AFTER DELETE ON manifests BEGIN"
    "  INSERT INTO draft_changes (manifest_id, reference, revision, kind, old_status, changed_by, changed_at)"
    "  VALUES (OLD.id, OLD.reference, OLD.revision, 'deleted', OLD.status, consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;",
    .postgresql =
    "CREATE TABLE draft_changes ("
    "  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  manifest_id TEXT NOT NULL,"
    "  reference TEXT,"
    "  revision BIGINT,"
    "  kind TEXT NOT NULL CHECK (kind IN ('created', 'restored', 'saved', 'status', 'deleted')),"
    "  old_status TEXT,"
    "  new_status TEXT,"
    "  changed_by TEXT,"
    "  changed_at BIGINT NOT NULL,"
    "  reconstructed BIGINT NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1))"
    ");"
    "CREATE INDEX draft_changes_manifest ON draft_changes (manifest_id, id);"
    "CREATE INDEX draft_changes_reference ON draft_changes (reference, id);"
    "CREATE INDEX draft_changes_time ON draft_changes (changed_at, id);"
    "INSERT INTO draft_changes (manifest_id, reference, revision, kind, new_status, changed_by,"
    "                           changed_at, reconstructed)"
    "  SELECT id, reference, revision, CASE WHEN revision = 1 THEN 'created' ELSE 'saved' END, status,"
    "         updated_by, updated, 1 FROM manifests ORDER BY updated, id;"
    /* Runs as the tables' owner, so current_user is the owner here: who acts is the login role
     * (session_user), and the role it switched to with SET ROLE (the setting "role"), if any. */
    "DO $do$ BEGIN EXECUTE replace ($fn$"
    "CREATE FUNCTION consign_record_draft_change () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp AS $$"
    " DECLARE"
    "  actor TEXT := session_user::text || CASE WHEN current_setting ('role') IN ('none', session_user::text)"
    "                THEN '' ELSE ' (as ' || current_setting ('role') || ')' END;"
    "  at BIGINT := (extract (epoch FROM clock_timestamp ()) * 1000000)::bigint;"
    " BEGIN"
    "  IF TG_OP = 'TRUNCATE' THEN"
    "   INSERT INTO @.draft_changes (manifest_id, reference, revision, kind, old_status, changed_by, changed_at)"
    "    SELECT id, reference, revision, 'deleted', status, actor, at FROM @.manifests ORDER BY id;"
    "  ELSIF TG_OP = 'INSERT' THEN"
    "   INSERT INTO @.draft_changes (manifest_id, reference, revision, kind, new_status, changed_by, changed_at)"
    "    VALUES (NEW.id, NEW.reference, NEW.revision,"
    "            CASE WHEN EXISTS (SELECT 1 FROM @.draft_changes WHERE manifest_id = NEW.id)"
    "                 THEN 'restored' ELSE 'created' END, NEW.status, actor, at);"
    "  ELSIF TG_OP = 'DELETE' THEN"
    "   INSERT INTO @.draft_changes (manifest_id, reference, revision, kind, old_status, changed_by, changed_at)"
    "    VALUES (OLD.id, OLD.reference, OLD.revision, 'deleted', OLD.status, actor, at);"
    "  ELSIF NEW.revision IS DISTINCT FROM OLD.revision OR NEW.status IS DISTINCT FROM OLD.status THEN"
    "   INSERT INTO @.draft_changes (manifest_id, reference, revision, kind, old_status, new_status,"
    "                              changed_by, changed_at)"
    "    VALUES (NEW.id, NEW.reference, NEW.revision,"
    "            CASE WHEN NEW.revision IS DISTINCT FROM OLD.revision THEN 'saved' ELSE 'status' END,"
    "            OLD.status, NEW.status, actor, at);"
    "  END IF;"
    "  RETURN NULL;"
    " END $$ $fn$, '@.', quote_ident (current_schema ()) || '.'); END $do$;"
    "REVOKE ALL ON FUNCTION consign_record_draft_change () FROM PUBLIC;"
    "CREATE TRIGGER manifests_changes AFTER INSERT OR UPDATE OR DELETE ON manifests"
    "  FOR EACH ROW EXECUTE FUNCTION consign_record_draft_change ();"
    "CREATE TRIGGER manifests_truncate_changes BEFORE TRUNCATE ON manifests"
    "  FOR EACH STATEMENT EXECUTE FUNCTION consign_record_draft_change ();"
    "DO $do$ BEGIN EXECUTE replace ($fn$"
    "CREATE FUNCTION consign_next_interchange_ref () RETURNS BIGINT LANGUAGE sql SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp AS $$"
    " INSERT INTO @.meta (key, value) VALUES ('interchange_ref', 1)"
    "  ON CONFLICT (key) DO UPDATE SET value = meta.value + 1 RETURNING value"
    " $$ $fn$, '@.', quote_ident (current_schema ()) || '.'); END $do$;"
    "REVOKE ALL ON FUNCTION consign_next_interchange_ref () FROM PUBLIC;"
    "CREATE OR REPLACE FUNCTION consign_grant_roles () RETURNS void LANGUAGE plpgsql AS $$"
    " DECLARE"
    "  all_tables CONSTANT TEXT := 'meta, manifests, parties, legs, containers, seals, items, vins,"
    " serials, splits, documents, document_covers, templates, exports, ui_state, directory_parties,"
    " directory_products, draft_changes';"
    "  owner_tables CONSTANT TEXT := 'meta, manifests, parties, legs, containers, seals, items, vins,"
    " serials, splits, documents, document_covers, templates, exports, ui_state, directory_parties,"
    " directory_products';"
    "  draft_rows CONSTANT TEXT := 'parties, legs, containers, seals, items, vins, serials, splits,"
    " documents, document_covers';"
    "  sequences CONSTANT TEXT[] := ARRAY[pg_get_serial_sequence ('exports', 'id'),"
    " pg_get_serial_sequence ('directory_parties', 'id'), pg_get_serial_sequence ('directory_products', 'id')];"
    " BEGIN"
    "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_clerk') THEN"
    "   EXECUTE format ('GRANT USAGE ON SCHEMA %I TO consign_clerk', current_schema ());"
    "   EXECUTE 'GRANT SELECT ON ' || all_tables || ' TO consign_clerk';"
    "   EXECUTE 'REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON meta, draft_changes FROM consign_clerk';"
    "   EXECUTE 'GRANT INSERT, UPDATE ON manifests TO consign_clerk';"
    "   EXECUTE 'GRANT INSERT, UPDATE, DELETE ON ui_state, ' || draft_rows || ' TO consign_clerk';"
    "   EXECUTE 'GRANT INSERT, UPDATE (recipient, message_function, interchange) ON exports TO consign_clerk';"
    "   EXECUTE format ('GRANT USAGE ON SEQUENCE %s TO consign_clerk', sequences[1]);"
    "   EXECUTE 'GRANT EXECUTE ON FUNCTION consign_next_interchange_ref () TO consign_clerk';"
    "  END IF;"
    "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_owner') THEN"
    "   EXECUTE format ('GRANT USAGE ON SCHEMA %I TO consign_owner', current_schema ());"
    "   EXECUTE 'GRANT ALL ON ' || owner_tables || ' TO consign_owner';"
    "   EXECUTE 'REVOKE ALL ON draft_changes FROM consign_owner';"
    "   EXECUTE 'GRANT SELECT ON draft_changes TO consign_owner';"
    "   EXECUTE format ('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s, %s, %s TO consign_owner',"
    "                   sequences[1], sequences[2], sequences[3]);"
    "   EXECUTE 'GRANT EXECUTE ON FUNCTION consign_next_interchange_ref () TO consign_owner';"
    "  END IF;"
    " END $$;"
    "DO $$ BEGIN PERFORM consign_grant_roles (); END $$;",
  },
  /* v10 -> v11: the trail of the directory's changes (issue 12), the same way as draft_changes
   * (schema 10): directory_changes holds one row per party or product added, changed or deleted,
   * written by triggers on directory_parties and directory_products:
   * - what: 'party' or 'product'; entry_id: the entry's id in its table (no foreign key: the
   *   rows outlive the entry); name: what it is found by as it was at that change (a party's
   *   name, a product's code; for 'deleted' as it last was);
   * - action: 'added', 'changed' (an UPDATE after which some column other than `updated`
   *   differs: saving an entry unchanged records nothing) or 'deleted';
   * - changed_by and changed_at as in draft_changes (PostgreSQL: the login role, "(as ROLE)" after SET ROLE;
   *   SQLite: consign_user(); microseconds since 1970 UTC from the database's clock).
   * Nothing is seeded: who added or last changed an existing entry was never recorded, so an
   * upgraded store's trail begins empty. Ordered by id.
   * PostgreSQL: one trigger function for both tables (its arguments: what, and the column that
   * names the entry), SECURITY DEFINER searching only pg_catalog as in schema 10, EXECUTE revoked from PUBLIC;
   * an owner's TRUNCATE records a 'deleted' row for each entry first. Clerks and owners may only
   * read the table. consign_grant_roles () of schema 10 is kept as consign_grant_roles_v10 ();
   * the new one runs it and grants the new table. */
  {
    .sqlite =
    "CREATE TABLE directory_changes ("
    "  id INTEGER PRIMARY KEY,"
    "  what TEXT NOT NULL CHECK (what IN ('party', 'product')),"
    "  entry_id INTEGER NOT NULL,"
    "  name TEXT,"
    "  action TEXT NOT NULL CHECK (action IN ('added', 'changed', 'deleted')),"
    "  changed_by TEXT,"
    "  changed_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX directory_changes_entry ON directory_changes (what, entry_id, id);"
    "CREATE INDEX directory_changes_time ON directory_changes (changed_at, id);"
    "CREATE TRIGGER directory_parties_added AFTER INSERT ON directory_parties BEGIN"
    "  INSERT INTO directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "  VALUES ('party', NEW.id, NEW.name, 'added', consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;"
    "CREATE TRIGGER directory_parties_changed AFTER UPDATE ON directory_parties"
    "  WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.name_latin IS NOT OLD.name_latin"
    "    OR NEW.tax_id IS NOT OLD.tax_id OR NEW.country IS NOT OLD.country"
    "    OR NEW.record IS NOT OLD.record BEGIN"
    "  INSERT INTO directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "  VALUES ('party', NEW.id, NEW.name, 'changed', consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;"
    "CREATE TRIGGER directory_parties_deleted AFTER DELETE ON directory_parties BEGIN"
    "  INSERT INTO directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "  VALUES ('party', OLD.id, OLD.name, 'deleted', consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;"
    "CREATE TRIGGER directory_products_added AFTER INSERT ON directory_products BEGIN"
    "  INSERT INTO directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "  VALUES ('product', NEW.id, NEW.code, 'added', consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;"
    "CREATE TRIGGER directory_products_changed AFTER UPDATE ON directory_products"
    "  WHEN NEW.id IS NOT OLD.id OR NEW.code IS NOT OLD.code"
    "    OR NEW.description IS NOT OLD.description OR NEW.description_zh IS NOT OLD.description_zh"
    "    OR NEW.hs_code IS NOT OLD.hs_code OR NEW.currency IS NOT OLD.currency"
    "    OR NEW.units_per_package IS NOT OLD.units_per_package OR NEW.template IS NOT OLD.template BEGIN"
    "  INSERT INTO directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "  VALUES ('product', NEW.id, NEW.code, 'changed', consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;"
    "CREATE TRIGGER directory_products_deleted AFTER DELETE ON directory_products BEGIN"
    "  INSERT INTO directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "  VALUES ('product', OLD.id, OLD.code, 'deleted', consign_user (),"
    "          CAST (round ((julianday ('now') - 2440587.5) * 86400000.0) AS INTEGER) * 1000);"
    " END;",
    .postgresql =
    "CREATE TABLE directory_changes ("
    "  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  what TEXT NOT NULL CHECK (what IN ('party', 'product')),"
    "  entry_id BIGINT NOT NULL,"
    "  name TEXT,"
    "  action TEXT NOT NULL CHECK (action IN ('added', 'changed', 'deleted')),"
    "  changed_by TEXT,"
    "  changed_at BIGINT NOT NULL"
    ");"
    "CREATE INDEX directory_changes_entry ON directory_changes (what, entry_id, id);"
    "CREATE INDEX directory_changes_time ON directory_changes (changed_at, id);"
    /* the acting role as consign_record_draft_change () finds it; TG_ARGV: what, name column */
    "DO $do$ BEGIN EXECUTE replace ($fn$"
    "CREATE FUNCTION consign_record_directory_change () RETURNS trigger LANGUAGE plpgsql"
    "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
    " DECLARE"
    "  actor TEXT := session_user::text || CASE WHEN current_setting ('role') IN ('none', session_user::text)"
    "                THEN '' ELSE ' (as ' || current_setting ('role') || ')' END;"
    "  at BIGINT := (extract (epoch FROM clock_timestamp ()) * 1000000)::bigint;"
    " BEGIN"
    "  IF TG_OP = 'TRUNCATE' THEN"
    "   EXECUTE format ('INSERT INTO %I.directory_changes (what, entry_id, name, action, changed_by,"
    " changed_at) SELECT $1, id, %I, ''deleted'', $2, $3 FROM %I.%I ORDER BY id',"
    "                   TG_TABLE_SCHEMA, TG_ARGV[1], TG_TABLE_SCHEMA, TG_TABLE_NAME) USING TG_ARGV[0], actor, at;"
    "  ELSIF TG_OP = 'INSERT' THEN"
    "   INSERT INTO @.directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "    VALUES (TG_ARGV[0], NEW.id, to_jsonb (NEW) ->> TG_ARGV[1], 'added', actor, at);"
    "  ELSIF TG_OP = 'DELETE' THEN"
    "   INSERT INTO @.directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "    VALUES (TG_ARGV[0], OLD.id, to_jsonb (OLD) ->> TG_ARGV[1], 'deleted', actor, at);"
    "  ELSIF to_jsonb (NEW) - 'updated' IS DISTINCT FROM to_jsonb (OLD) - 'updated' THEN"
    "   INSERT INTO @.directory_changes (what, entry_id, name, action, changed_by, changed_at)"
    "    VALUES (TG_ARGV[0], NEW.id, to_jsonb (NEW) ->> TG_ARGV[1], 'changed', actor, at);"
    "  END IF;"
    "  RETURN NULL;"
    " END $$ $fn$, '@.', quote_ident (current_schema ()) || '.'); END $do$;"
    "REVOKE ALL ON FUNCTION consign_record_directory_change () FROM PUBLIC;"
    "CREATE TRIGGER directory_parties_changes AFTER INSERT OR UPDATE OR DELETE ON directory_parties"
    "  FOR EACH ROW EXECUTE FUNCTION consign_record_directory_change ('party', 'name');"
    "CREATE TRIGGER directory_parties_truncate_changes BEFORE TRUNCATE ON directory_parties"
    "  FOR EACH STATEMENT EXECUTE FUNCTION consign_record_directory_change ('party', 'name');"
    "CREATE TRIGGER directory_products_changes AFTER INSERT OR UPDATE OR DELETE ON directory_products"
    "  FOR EACH ROW EXECUTE FUNCTION consign_record_directory_change ('product', 'code');"
    "CREATE TRIGGER directory_products_truncate_changes BEFORE TRUNCATE ON directory_products"
    "  FOR EACH STATEMENT EXECUTE FUNCTION consign_record_directory_change ('product', 'code');"
    "ALTER FUNCTION consign_grant_roles () RENAME TO consign_grant_roles_v10;"
    "CREATE FUNCTION consign_grant_roles () RETURNS void LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  PERFORM consign_grant_roles_v10 ();"
    "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_clerk') THEN"
    "   EXECUTE 'REVOKE ALL ON directory_changes FROM consign_clerk';"
    "   EXECUTE 'GRANT SELECT ON directory_changes TO consign_clerk';"
    "  END IF;"
    "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_owner') THEN"
    "   EXECUTE 'REVOKE ALL ON directory_changes FROM consign_owner';"
    "   EXECUTE 'GRANT SELECT ON directory_changes TO consign_owner';"
    "  END IF;"
    " END $$;"
    "DO $$ BEGIN PERFORM consign_grant_roles (); END $$;",
  },
};

const guint _cs_store_n_migrations = G_N_ELEMENTS (_cs_store_migrations);

G_STATIC_ASSERT (G_N_ELEMENTS (_cs_store_migrations) == CS_STORE_SCHEMA_VERSION);
