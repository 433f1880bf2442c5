/**
 * Values their issuers publish in documentation, so that anyone can paste them: they are public,
 * and a scan that reports them sends people to rotate what cannot be rotated. Kept as SHA-256
 * digests, so the values themselves are neither written here nor ever shown: a candidate secret is
 * hashed and looked up. Each entry says where the value is published; add one only with a source.
 */
import { createHash } from 'node:crypto';

const PUBLISHED: { sha256: string; what: string }[] = [
  {
    sha256: '1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3',
    what: "AWS's documentation access key id AKIAIOSFODNN7EXAMPLE (AWS IAM User Guide, 'Managing access keys'; every AWS CLI example)",
  },
  {
    sha256: '78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598',
    what: "AWS's documentation secret access key that goes with it, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY (same pages)",
  },
  {
    sha256: '279a2219c2388e7f062e82cf79c635e61ee39772b9516af952db98a5406886d3',
    what: "the API key of Firebase's example web config (AIzaSyDOCAbC…, project myapp-project-123; Firebase help 'Download Firebase config file or object', support.google.com/firebase/answer/7015592), pasted into many READMEs",
  },
  {
    sha256: 'f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397',
    what: "Stripe's sample test-mode secret key (sk_test_BQokikJ…) that every example of the Stripe API reference uses (docs.stripe.com/api/authentication: 'A sample test API key is included in all the examples here')",
  },
  {
    sha256: '2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326',
    what: "Stripe's earlier sample test-mode secret key (sk_test_4eC39…), used the same way by the API reference before sk_test_BQokikJ…",
  },
];

const DIGESTS = new Set(PUBLISHED.map((p) => p.sha256));

/** True when `value` is one of the published sample values. */
export function isPublishedSample(value: string): boolean {
  // Every published value is 20 to 64 characters: skip hashing anything else.
  if (value.length < 20 || value.length > 64) return false;
  return DIGESTS.has(createHash('sha256').update(value).digest('hex'));
}

/** How many published values the list holds, and where each is from (for the documentation test). */
export const PUBLISHED_SAMPLES: readonly { readonly what: string }[] = PUBLISHED.map(({ what }) => ({ what }));
