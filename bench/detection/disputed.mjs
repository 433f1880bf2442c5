// Cases where the reference label itself is wrong, reviewed one by one: they are listed in the
// report and left out of the figures. `id` is the case id the bench prints.
export const DISPUTED = [
];
