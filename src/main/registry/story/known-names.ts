import type { RegistryRecord } from '../record'

// The names people use for registered services ("DNS", not "domain"/"Domain Name Server"). Only the
// IANA service name decides: the same name on another port is the same protocol by IANA's rules.
const EVERYDAY_NAMES: Readonly<Record<string, string>> = {
  'ftp-data': 'FTP data',
  ftp: 'FTP',
  ssh: 'SSH',
  telnet: 'Telnet',
  smtp: 'SMTP',
  domain: 'DNS',
  bootps: 'DHCP server',
  bootpc: 'DHCP client',
  tftp: 'TFTP',
  gopher: 'Gopher',
  finger: 'Finger',
  http: 'HTTP',
  www: 'HTTP',
  'www-http': 'HTTP',
  kerberos: 'Kerberos',
  pop3: 'POP3',
  sunrpc: 'ONC RPC (rpcbind)',
  auth: 'Ident',
  nntp: 'NNTP',
  ntp: 'NTP',
  epmap: 'Microsoft RPC endpoint mapper',
  'netbios-ns': 'NetBIOS name service',
  'netbios-dgm': 'NetBIOS datagrams',
  'netbios-ssn': 'NetBIOS sessions (SMB)',
  imap: 'IMAP',
  snmp: 'SNMP',
  'snmp-trap': 'SNMP traps',
  bgp: 'BGP',
  irc: 'IRC',
  ldap: 'LDAP',
  https: 'HTTPS',
  'microsoft-ds': 'SMB',
  isakmp: 'IKE (IPsec)',
  submissions: 'SMTP submission over TLS',
  syslog: 'Syslog',
  printer: 'LPD printing',
  rtsp: 'RTSP',
  submission: 'SMTP submission',
  ipp: 'IPP printing',
  ipps: 'IPPS (IPP over TLS)',
  ldaps: 'LDAPS',
  rsync: 'rsync',
  'ftps-data': 'FTPS data',
  ftps: 'FTPS',
  imaps: 'IMAPS',
  pop3s: 'POP3S',
  openvpn: 'OpenVPN',
  'ms-sql-s': 'Microsoft SQL Server',
  'ms-sql-m': 'SQL Server Browser',
  radius: 'RADIUS',
  'radius-acct': 'RADIUS accounting',
  nfs: 'NFS',
  ssdp: 'SSDP',
  wsdapi: 'WSD',
  'iscsi-target': 'iSCSI',
  mysql: 'MySQL',
  'ms-wbt-server': 'RDP (Remote Desktop)',
  svn: 'Subversion',
  'ws-discovery': 'WS-Discovery',
  stun: 'STUN',
  sip: 'SIP',
  sips: 'SIP over TLS',
  postgresql: 'PostgreSQL',
  rfb: 'VNC (RFB)',
  mdns: 'mDNS',
  llmnr: 'LLMNR',
  'ipsec-nat-t': 'IPsec NAT traversal',
  'xmpp-client': 'XMPP',
  'xmpp-server': 'XMPP federation',
  amqp: 'AMQP',
  amqps: 'AMQP over TLS',
  mqtt: 'MQTT',
  'secure-mqtt': 'MQTT over TLS',
  x11: 'X11',
  redis: 'Redis',
  mongodb: 'MongoDB',
  'http-alt': 'HTTP alternate',
  'wsman': 'WS-Management (WinRM)',
  'wsmans': 'WS-Management over TLS (WinRM)',
  'etcd-client': 'etcd',
  'etcd-server': 'etcd peers',
  docker: 'Docker API',
  'docker-s': 'Docker API over TLS',
  'pdl-datastream': 'raw printing',
  'hp-pdl-datastr': 'raw printing',
  'epmd': 'Erlang port mapper',
  ollama: 'Ollama',
  git: 'Git',
  'ms-sql-monitor': 'SQL Server monitor',
  memcache: 'Memcached',
  'ircs-u': 'IRC over TLS',
}

const ACRONYM = /\(([A-Z][A-Za-z0-9+.-]{1,11})\)/

/** What people call the service of a record: the everyday name, an acronym IANA spells out, or IANA's words. */
export function everydayName(record: RegistryRecord): string {
  if (record.service !== null) {
    const known = EVERYDAY_NAMES[record.service.toLowerCase()]
    if (known) return known
  }
  const description = record.description?.split('\n')[0]?.trim() ?? ''
  const acronym = ACRONYM.exec(description)?.[1]
  if (acronym && acronym.length >= 2) return acronym
  // IANA's words make a name when they are short; otherwise its service name is shorter and exact.
  if (description && description.length <= 24 && !/^(reserved|unassigned)$/i.test(description)) return description
  return record.service ?? (description || 'Unassigned')
}
