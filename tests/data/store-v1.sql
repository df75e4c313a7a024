-- A draft store as Consign schema version 1 wrote it (frozen copy of the v1 DDL, with data).
-- tests/test-store-migrate.c opens it with the current code and checks that nothing is lost.

CREATE TABLE meta (
  key TEXT PRIMARY KEY NOT NULL,
  value INTEGER NOT NULL) STRICT;
CREATE TABLE manifests (
  id TEXT PRIMARY KEY NOT NULL,
  reference TEXT UNIQUE,
  status TEXT CHECK (status IN ('draft', 'ready', 'exported', 'archived')),
  direction TEXT,
  corridor TEXT,
  place_of_receipt TEXT,
  port_of_loading TEXT,
  port_of_discharge TEXT,
  place_of_delivery TEXT,
  td_type TEXT,
  td_number TEXT,
  incoterm_code TEXT,
  incoterm_place TEXT,
  currency TEXT,
  invoice_number TEXT,
  invoice_date TEXT,
  invoice_total REAL,
  preference TEXT,
  notes TEXT,
  present INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL DEFAULT 1,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  n_items INTEGER NOT NULL DEFAULT 0) STRICT;
CREATE TABLE parties (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('shipper', 'consignee', 'notify', 'declarant', 'carrier')),
  name TEXT, name_latin TEXT, address TEXT, city TEXT, postcode TEXT, country TEXT,
  tax_id TEXT, contact TEXT, phone TEXT, email TEXT,
  PRIMARY KEY (manifest_id, role)) STRICT, WITHOUT ROWID;
CREATE TABLE legs (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  mode TEXT, from_locode TEXT, to_locode TEXT, carrier TEXT, voyage TEXT, etd TEXT, eta TEXT,
  PRIMARY KEY (manifest_id, pos)) STRICT, WITHOUT ROWID;
CREATE TABLE containers (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  present INTEGER NOT NULL DEFAULT 0,
  number TEXT COLLATE NOCASE,
  size_type TEXT,
  tare_kg REAL, max_gross_kg REAL, vgm_kg REAL, vgm_method REAL,
  reefer_setpoint_c REAL, reefer_humidity_pct REAL, reefer_vent_cmh REAL,
  pending TEXT,
  PRIMARY KEY (manifest_id, pos)) STRICT, WITHOUT ROWID;
CREATE INDEX containers_number ON containers (number);
CREATE TABLE seals (
  manifest_id TEXT NOT NULL,
  container_pos INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  seal TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (manifest_id, container_pos, pos),
  FOREIGN KEY (manifest_id, container_pos) REFERENCES containers (manifest_id, pos) ON DELETE CASCADE) STRICT, WITHOUT ROWID;
CREATE INDEX seals_seal ON seals (seal);
CREATE TABLE items (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  present INTEGER NOT NULL DEFAULT 0,
  line REAL, category TEXT, description TEXT, hs_code TEXT, quantity REAL, unit TEXT,
  pkg_count REAL, pkg_type TEXT,
  net_kg REAL, gross_kg REAL, volume_m3 REAL, value REAL,
  origin_country TEXT, marks TEXT, container TEXT COLLATE NOCASE,
  dg_un_number TEXT, dg_class TEXT, dg_packing_group TEXT, dg_proper_shipping_name TEXT,
  veh_make TEXT, veh_model TEXT, veh_model_year REAL, veh_powertrain TEXT, veh_condition TEXT,
  veh_battery_kwh REAL,
  el_battery TEXT, el_chemistry TEXT, el_wh_per_unit REAL,
  mach_dual_use INTEGER NOT NULL DEFAULT 0, mach_licence_no TEXT,
  per_product TEXT, per_temp_min_c REAL, per_temp_max_c REAL,
  per_frozen INTEGER NOT NULL DEFAULT 0, per_shelf_life_days REAL, per_packed_on TEXT,
  per_humidity_pct REAL, per_ethylene TEXT,
  PRIMARY KEY (manifest_id, pos)) STRICT, WITHOUT ROWID;
CREATE TABLE vins (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  item_pos INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  vin TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (manifest_id, item_pos, pos)) STRICT, WITHOUT ROWID;
CREATE INDEX vins_vin ON vins (vin);
CREATE TABLE serials (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  item_pos INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  serial TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (manifest_id, item_pos, pos)) STRICT, WITHOUT ROWID;
CREATE INDEX serials_serial ON serials (serial);
CREATE TABLE splits (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  item_pos INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  container TEXT COLLATE NOCASE,
  packages REAL,
  PRIMARY KEY (manifest_id, item_pos, pos)) STRICT, WITHOUT ROWID;
CREATE TABLE documents (
  manifest_id TEXT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  present INTEGER NOT NULL DEFAULT 0,
  kind TEXT, number TEXT, issued_on TEXT, expires_on TEXT, issuer TEXT,
  PRIMARY KEY (manifest_id, pos)) STRICT, WITHOUT ROWID;
CREATE TABLE document_covers (
  manifest_id TEXT NOT NULL,
  doc_pos INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  line INTEGER NOT NULL,
  PRIMARY KEY (manifest_id, doc_pos, pos),
  FOREIGN KEY (manifest_id, doc_pos) REFERENCES documents (manifest_id, pos) ON DELETE CASCADE) STRICT, WITHOUT ROWID;
CREATE TABLE templates (
  name TEXT PRIMARY KEY NOT NULL,
  manifest TEXT NOT NULL,
  updated INTEGER NOT NULL) STRICT;

-- Data: one full draft, one bare draft, a template and the EDIFACT counter.
-- `present` bits (never renumbered): manifests transport_document 1, incoterm 2, invoice 4,
-- parties 8; containers reefer 1, seals 65536; items packages 1, dg 2, vehicle 4, electronics 8,
-- machinery 16, perishable 32, vins 65536, serials 131072; documents covers 65536.
INSERT INTO manifests (id, reference, status, direction, corridor, place_of_receipt,
  port_of_loading, port_of_discharge, place_of_delivery, td_type, td_number, incoterm_code,
  incoterm_place, currency, invoice_number, invoice_date, invoice_total, preference, notes,
  present, revision, created, updated, n_items)
VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 'V1-0001', 'ready', 'export', 'CQ-QZH-RAILSEA',
  'CNCQI', 'CNQZH', 'VNHPH', 'VNHPH', 'BL', 'QZHHPH25120001', 'CIP', 'VNHPH', 'USD',
  'INV-2025-118', '2025-12-01', 151250.5, 'ACFTA', '旧版本的备注', 15, 4,
  1764547200000000, 1764633600000000, 3);
INSERT INTO manifests (id, reference, status, present, revision, created, updated, n_items)
VALUES ('0f4e2a6b-8c1d-4e3f-9a7b-5c6d7e8f9a0b', 'V1-0002', 'draft', 0, 1,
  1764547200000000, 1764547200000000, 0);

INSERT INTO parties (manifest_id, role, name, name_latin, address, city, postcode, country, tax_id,
  contact, phone, email)
VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 'shipper', '重庆长安汽车出口有限公司',
  'Chongqing Changan Auto Export Co., Ltd.', '260 Jianxin East Road', 'Chongqing', '400023', 'CN',
  '91500000MA5U7Q3X2K', 'Li Wei', '+86 23 6759 0000', 'export@example.cn');
INSERT INTO parties (manifest_id, role, name, country)
VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 'consignee', 'Hai Phong Auto Trading JSC', 'VN');

INSERT INTO legs VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 'rail', 'CNCQI', 'CNQZH',
  'China Railway', 'X8024', '2025-12-06T09:00:00+08:00', '2025-12-08T07:00:00+08:00');
INSERT INTO legs VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 1, 'sea', 'CNQZH', 'VNHPH',
  NULL, NULL, NULL, NULL);

INSERT INTO containers VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 65537, 'CSQU3054383',
  '45R1', 4800, 34000, 21480.5, 1, 2.5, 90, 25, '["vgm_kg"]');
INSERT INTO containers VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 1, 0, 'OOLU8832107',
  '42G1', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO seals VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 0, 'RF001');
INSERT INTO seals VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 1, 'RF002');

INSERT INTO items (manifest_id, pos, present, line, category, description, hs_code, quantity, unit,
  pkg_count, pkg_type, net_kg, gross_kg, value, origin_country, container, dg_un_number, dg_class,
  veh_make, veh_model, veh_model_year, veh_powertrain, veh_condition, veh_battery_kwh)
VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 65543, 1, 'vehicle', 'Electric SUV', '870380', 2,
  'C62', 2, 'VN', 3800, 4000, 64000, 'CN', 'OOLU8832107', '3171', '9', 'Changan', 'Deepal S7',
  2025, 'BEV', 'new', 66.8);
INSERT INTO vins VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 0, 'LJCPCBLCX11000237');
INSERT INTO vins VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 1, '1M8GDM9AXKP042788');
INSERT INTO items (manifest_id, pos, present, line, category, description, hs_code, quantity,
  container, mach_dual_use, mach_licence_no)
VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 1, 131088, 2, 'machinery', 'CNC lathe', '845811', 1,
  'OOLU8832107', 1, 'DU-2025-0001');
INSERT INTO serials VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 1, 0, 'LATHE-0001');
INSERT INTO items (manifest_id, pos, present, line, category, description, quantity,
  per_product, per_temp_min_c, per_temp_max_c, per_frozen, per_shelf_life_days, per_packed_on,
  per_ethylene)
VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 2, 32, 3, 'perishable', 'Fresh apples', 1200,
  'apples', -1, 2, 0, 120, '2025-11-20', 'producer');
INSERT INTO splits VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 2, 0, 'CSQU3054383', 1000);
INSERT INTO splits VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 2, 1, 'OOLU8832107', 200);

INSERT INTO documents VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 65536, 'phytosanitary',
  'PC-2025-77', '2025-11-28', '2025-12-28', 'Chongqing Customs');
INSERT INTO documents VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 1, 0, 'commercial_invoice',
  'INV-2025-118', NULL, NULL, NULL);
INSERT INTO document_covers VALUES ('9d0c1f3e-7a52-4b8e-a1c4-3e5f7a9b2d61', 0, 0, 3);

INSERT INTO templates VALUES ('Apples to Hai Phong',
  '{"id": "template", "status": "draft", "corridor": "CQ-QZH-RAILSEA", "currency": "USD"}',
  1764547200000000);
INSERT INTO meta VALUES ('interchange_ref', 41);

PRAGMA user_version = 1;
