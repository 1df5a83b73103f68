CREATE TABLE customer (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  note TEXT,
  photo BLOB,
  big LONGBLOB,
  doc JSON,
  price DECIMAL(20,6),
  ratio DOUBLE,
  born DATE,
  seen DATETIME(6),
  ts TIMESTAMP(3) NULL DEFAULT NULL,
  t TIME,
  y YEAR,
  flags SET('a','b','c'),
  kind ENUM('x','y'),
  bits BIT(8),
  UNIQUE KEY uq_name (name),
  KEY idx_born (born),
  FULLTEXT KEY ft_note (note)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='customers ✓'
$$
CREATE TABLE orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE,
  CONSTRAINT amount_positive CHECK (amount >= 0)
) ENGINE=InnoDB
$$
CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(200) NOT NULL) ENGINE=InnoDB
$$
CREATE TABLE empty_one (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB
$$
CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO audit (what) VALUES (CONCAT('order ', NEW.id, ' 🚀'))
$$
CREATE PROCEDURE add_order(IN c INT, IN a DECIMAL(12,2))
BEGIN
  INSERT INTO orders (customer_id, amount) VALUES (c, a);
END
$$
CREATE FUNCTION total(c INT) RETURNS DECIMAL(14,2) READS SQL DATA
BEGIN
  RETURN (SELECT COALESCE(SUM(amount), 0) FROM orders WHERE customer_id = c);
END
$$
CREATE VIEW customer_totals AS SELECT id, name, total(id) AS total FROM customer
$$
CREATE VIEW big_customers AS SELECT id, name FROM customer_totals WHERE total > 100
$$
CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE
  DO DELETE FROM audit WHERE id < 0
