'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { slugify } from '@/lib/catalog/slugify';
import { IMAGE_ACCEPT, IMAGE_TOO_LARGE, MAX_IMAGE_BYTES } from '@/lib/media/image-type';
import { CheckboxField, FileField, FormOutcome, SubmitButton, TextAreaField, TextField } from '@/components/admin/fields';
import type { ActionState } from '@/lib/forms/action-result';
import { postProductForm } from './save-product';
import { useActionForm } from './use-action-form';

export interface ProductFormValues {
  id: string;
  title: string;
  slug: string;
  description: string;
  imagePath: string | null;
  imageAlt: string;
  optionNames: string[];
  featured: boolean;
  published: boolean;
  /** Changes on every save: the fields start again from the saved values. */
  version: string;
}

/** Refuses an image that could never be accepted before sending it (the server checks again, by its bytes). */
function checkImage(data: FormData) {
  const image = data.get('image');
  return image instanceof File && image.size > MAX_IMAGE_BYTES ? { image: [IMAGE_TOO_LARGE] } : null;
}

/** Creates a product (no `product`) or edits one. */
export function ProductForm({ product, notice = '' }: { product?: ProductFormValues; notice?: string }) {
  const router = useRouter();
  // Posted to a route handler, not a server action: it may carry a 2 MB image (lib/auth/staff-route.ts).
  async function save(_prev: ActionState, formData: FormData): Promise<ActionState> {
    const result = await postProductForm(formData);
    if (!result.ok) return result;
    if (result.location) router.push(result.location);
    else router.refresh();
    return { ok: true, message: result.message };
  }
  const { formRef, onSubmit, formAction, pending, fieldErrors, error, message } = useActionForm(save, checkImage);
  const [titleForSlug, setTitleForSlug] = useState(product?.title ?? '');
  const suggestedSlug = slugify(titleForSlug);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      {product && <input type="hidden" name="id" value={product.id} />}
      <div key={product?.version} className="flex flex-col gap-5">
        <TextField
          name="title"
          label="Title"
          required
          defaultValue={product?.title}
          errors={fieldErrors.title}
          onChange={(e) => setTitleForSlug(e.currentTarget.value)}
        />
        <TextField
          name="slug"
          label="Slug"
          defaultValue={product?.slug}
          placeholder={product ? undefined : suggestedSlug}
          autoComplete="off"
          spellCheck={false}
          errors={fieldErrors.slug}
          hint={
            product
              ? 'The product’s address: /products/<slug>. Changing it changes the address.'
              : `Lowercase letters, digits and hyphens. Leave empty to use ${suggestedSlug ? `“${suggestedSlug}”` : 'one made from the title'}.`
          }
        />
        <TextAreaField name="description" label="Description" defaultValue={product?.description} errors={fieldErrors.description} />

        <fieldset className="flex flex-col gap-4 rounded-xl border border-stone-200 p-4">
          <legend className="px-1 text-sm font-semibold">Product image</legend>
          {product?.imagePath && (
            <div className="flex items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- a small preview of an uploaded file */}
              <img src={product.imagePath} alt={product.imageAlt} width={96} height={96} className="size-24 rounded-lg border border-stone-200 object-cover" />
              <p className="text-sm text-stone-600">Current image. Choose a file below to replace it.</p>
            </div>
          )}
          <FileField name="image" label="Image" accept={IMAGE_ACCEPT} errors={fieldErrors.image} hint="PNG, JPEG, WebP or AVIF, up to 2 MB." />
          <TextField
            name="imageAlt"
            label="Image alt text"
            defaultValue={product?.imageAlt}
            errors={fieldErrors.imageAlt}
            hint="Describe the image for shoppers who cannot see it, e.g. “A sea-green stoneware mug”."
          />
        </fieldset>

        <TextField
          name="optionNames"
          label="Option names"
          defaultValue={product?.optionNames.join(', ')}
          errors={fieldErrors.optionNames}
          hint="Comma-separated, up to 3, e.g. Size, Colour. Leave empty for a product sold as one variant."
        />
        <CheckboxField name="featured" label="Featured" defaultChecked={product?.featured} errors={fieldErrors.featured} hint="Shown on the home page." />
        <CheckboxField
          name="published"
          label="Published"
          defaultChecked={product?.published ?? false}
          errors={fieldErrors.published}
          hint="Shoppers see published products that have at least one variant."
        />
      </div>
      <FormOutcome message={message || (error ? '' : notice)} error={error} />
      <SubmitButton pending={pending} pendingText="Saving…">
        {product ? 'Save product' : 'Create product'}
      </SubmitButton>
    </form>
  );
}
