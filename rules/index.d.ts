/** Absolute path of the folder that holds the catalog's YAML files. */
export declare const catalogDir: string;
