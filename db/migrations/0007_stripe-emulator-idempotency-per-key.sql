-- Idempotency keys are now scoped to the API key that used them, as with Stripe. Rows kept so far
-- were stored under the emulator's old public key and cannot be attributed: they are dropped.
DELETE FROM "stripe_emulator_idempotency_keys";--> statement-breakpoint
ALTER TABLE "stripe_emulator_idempotency_keys" DROP CONSTRAINT "stripe_emulator_idempotency_keys_pkey";--> statement-breakpoint
ALTER TABLE "stripe_emulator_idempotency_keys" ADD COLUMN "api_key_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_emulator_idempotency_keys" ADD CONSTRAINT "stripe_emulator_idempotency_keys_api_key_hash_key_pk" PRIMARY KEY("api_key_hash","key");
