export const MAIN_BUNDLED_DEPS: string[];
