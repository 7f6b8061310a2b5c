-- The stock ledger is append-only: a correction is a new row, never an edit.
CREATE FUNCTION stock_movements_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only: record a correcting movement instead';
END
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_change
  BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();
