import { BlockList, isIP } from 'node:net';

/** Whether an address is in the list. */
export type IpAllowList = (address: string) => boolean;

/**
 * A list of addresses and CIDRs (`127.0.0.1`, `10.0.0.0/8`, `fd00::/8`), built once, answering
 * whether an address is in it. An IPv4 address written as IPv6 (`::ffff:a.b.c.d`, as a dual-stack
 * socket reports it) is judged as the IPv4 address. A malformed entry throws here, at start, not
 * at the first check; a malformed address is simply not in the list.
 */
export function ipAllowList(entries: readonly string[]): IpAllowList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    if (!address) continue;
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (address) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    try {
      return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
    } catch {
      return false;
    }
  };
}
