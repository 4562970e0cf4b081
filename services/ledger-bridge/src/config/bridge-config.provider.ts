/** Injection token of the validated BridgeConfig. */
export const BRIDGE_CONFIG = Symbol('BRIDGE_CONFIG');
