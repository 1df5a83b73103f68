CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE SCHEMA shop;
COMMENT ON SCHEMA shop IS 'the shop';
CREATE SEQUENCE shop.ticket_seq START 1000 INCREMENT 7 MINVALUE 1000 MAXVALUE 999999 CYCLE CACHE 1;

CREATE TABLE shop.customer (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 500 INCREMENT BY 5) PRIMARY KEY,
  uid uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  name text NOT NULL,
  email text,
  feeling mood,
  balance numeric(20,6) CHECK (balance > -1000),
  qty posint,
  photo bytea,
  doc json,
  docb jsonb,
  tags text[],
  matrix int[][],
  created timestamptz NOT NULL DEFAULT now(),
  period tstzrange,
  nums int4range,
  name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
  ticket int DEFAULT nextval('shop.ticket_seq')
);
COMMENT ON TABLE shop.customer IS 'Customers, with "quotes" and ünïcödé';
COMMENT ON COLUMN shop.customer.name IS 'full name';
CREATE INDEX customer_docb_gin ON shop.customer USING gin (docb);
CREATE INDEX customer_email_partial ON shop.customer (email) WHERE email IS NOT NULL;
CREATE INDEX customer_lower_name ON shop.customer (lower(name));
CREATE INDEX customer_tags_gin ON shop.customer USING gin (tags);
CREATE INDEX customer_created_brin ON shop.customer USING brin (created);
CREATE INDEX customer_name_hash ON shop.customer USING hash (name);

CREATE TABLE shop.orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES shop.customer(id) ON DELETE CASCADE,
  placed date NOT NULL,
  amount numeric(12,2) NOT NULL CHECK (amount >= 0),
  note text,
  UNIQUE (customer_id, placed, amount)
);

CREATE TABLE shop.events (id int NOT NULL, at date NOT NULL, payload jsonb) PARTITION BY RANGE (at);
CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE shop.events_2025 PARTITION OF shop.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_at ON shop.events (at);

CREATE TABLE shop.audit (id serial PRIMARY KEY, what text NOT NULL, at timestamptz DEFAULT now());

CREATE FUNCTION shop.audit_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO shop.audit(what) VALUES ('order ' || NEW.id);
  RETURN NEW;
END
$$;
CREATE TRIGGER orders_audit AFTER INSERT ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.audit_order();

CREATE FUNCTION shop.total(c bigint) RETURNS numeric LANGUAGE sql STABLE
  AS $$ SELECT coalesce(sum(amount), 0) FROM shop.orders WHERE customer_id = c $$;
COMMENT ON FUNCTION shop.total(bigint) IS 'sum of a customer''s orders';

CREATE VIEW shop.customer_totals AS SELECT c.id, c.name, shop.total(c.id) AS total FROM shop.customer c;
CREATE MATERIALIZED VIEW shop.order_stats AS
  SELECT placed, count(*) AS n, sum(amount) AS s FROM shop.orders GROUP BY placed;
CREATE UNIQUE INDEX order_stats_placed ON shop.order_stats (placed);

CREATE TABLE public.oddities (
  id int PRIMARY KEY,
  n numeric,
  t timestamptz,
  d date,
  b bytea,
  f double precision,
  i interval,
  x xml,
  bits bit varying(16),
  addr inet,
  "Mixed Case" text
);

INSERT INTO shop.customer (name, email, feeling, balance, qty, photo, doc, docb, tags, matrix, created, period, nums)
SELECT 'customer ' || g || CASE WHEN g % 7 = 0 THEN ' 😀 ünï' ELSE '' END,
       CASE WHEN g % 3 = 0 THEN NULL ELSE 'c' || g || '@example.org' END,
       (ARRAY['sad','ok','happy'])[1 + g % 3]::mood,
       round((g * 12.345678)::numeric, 6) - 500,
       1 + g % 50,
       decode(md5(g::text) || '00ff00', 'hex'),
       json_build_object('g', g, 'nested', json_build_object('a', ARRAY[g, g + 1])),
       jsonb_build_object('g', g, 'flag', g % 2 = 0, 'text', 'line1' || chr(10) || 'line2 "q"'),
       ARRAY['t' || (g % 5), 'x,y', NULL, 'quote"d'],
       ARRAY[[g, g + 1], [g + 2, g + 3]],
       timestamptz '2024-03-01 12:00:00+00' + g * interval '1 hour 7 minutes',
       tstzrange(timestamptz '2024-01-01 00:00+00' + g * interval '1 day', timestamptz '2024-01-02 00:00+00' + g * interval '1 day'),
       int4range(g, g + 10, '[)')
FROM generate_series(1, 300) AS g;

INSERT INTO shop.orders (customer_id, placed, amount, note)
SELECT c.id, date '2024-01-01' + (c.id % 40)::int, (c.id % 97) + 0.5 * k, CASE WHEN k = 2 THEN 'tab	and \backslash' END
FROM shop.customer c, generate_series(1, 3) AS k;

INSERT INTO shop.events SELECT g, date '2024-06-01' + g, jsonb_build_object('e', g) FROM generate_series(1, 400) AS g;

INSERT INTO public.oddities VALUES
  (1, 'NaN', 'infinity', '-infinity', '\x0001feff', 'Infinity', '1 year 2 mons 3 days 04:05:06.789', '<a b="1">x</a>', B'1010', '10.1.2.3/8', 'Mixed'),
  (2, 123456789012345678901234567890.123456789, '2000-01-01 00:00:00.123456+05:30', '0001-01-01 BC', '', '-0', '-1 day', NULL, B'', '::1', NULL),
  (3, -0.000000001, NULL, NULL, NULL, 'NaN', NULL, '<empty/>', NULL, NULL, E'a\nb');

SELECT setval('shop.ticket_seq', 123456, true);
REFRESH MATERIALIZED VIEW shop.order_stats;
