import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { eq, like, notLike } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.js';
import {
  departmentMembers,
  departments,
  roles,
  ticketHistory,
  ticketMessages,
  ticketPriorities,
  ticketStatuses,
  tickets,
  users,
} from '../db/schema/index.js';
import { hashPassword } from '../lib/passwords.js';
import { CliError } from './cli-error.js';
import { cliConfig, withDatabase } from './context.js';

const DEMO_DOMAIN = 'demo.helpdesk.test';

const departmentNames = ['General Support', 'Billing', 'Technical Support', 'Sales'];
const agentNames = [
  'Maya Patel',
  'Jonas Weber',
  'Lucía Fernández',
  'Kwame Mensah',
  'Aiko Tanaka',
  'Omar Haddad',
  'Chloé Martin',
  'Sven Lindqvist',
];
const customerNames = [
  'Grace Hopper',
  'Alan Turing',
  'Ada Lovelace',
  'Linus Pauling',
  'Marie Curie',
  'Nikola Tesla',
  'Rosalind Franklin',
  'Carl Sagan',
  'Dorothy Vaughan',
  'Tim Berners-Lee',
  'Hedy Lamarr',
  'Katherine Johnson',
];
const topics: { subject: string; description: string; department: string; replies: string[] }[] = [
  {
    subject: 'Invoice shows the wrong VAT number',
    description: 'Our latest invoice lists an old VAT number. Can you reissue it?',
    department: 'Billing',
    replies: ['Thanks, I have asked finance to reissue it with the new number.', 'Got it, thank you!'],
  },
  {
    subject: 'Cannot log in after password change',
    description: 'Since I changed my password this morning the sign-in page keeps saying my details are wrong.',
    department: 'Technical Support',
    replies: ['Could you try a password reset link? I have just sent one.', 'That worked, thanks.'],
  },
  {
    subject: 'Upgrade to the annual plan',
    description: 'We would like to move from monthly to annual billing. What does that cost for 25 seats?',
    department: 'Sales',
    replies: ['For 25 seats the annual plan comes to 20% less than monthly. Shall I prepare a quote?'],
  },
  {
    subject: 'Export of all tickets as CSV',
    description: 'Is there a way to export our tickets for a quarterly report?',
    department: 'General Support',
    replies: ['Not yet from the interface, but an admin can run a report for you. Which fields do you need?'],
  },
  {
    subject: 'Charged twice for November',
    description: 'My card was charged twice on the 1st. Please refund one of the payments.',
    department: 'Billing',
    replies: ['I can see both charges; the refund for the duplicate is on its way (3–5 working days).'],
  },
  {
    subject: 'Error 502 when uploading a report',
    description: 'Uploading a 4 MB PDF fails with a 502 page. Smaller files work.',
    department: 'Technical Support',
    replies: [
      'We found a proxy limit on our side and raised it. Could you try again?',
      'Still failing for me.',
      'Thanks — escalating to the infrastructure team.',
    ],
  },
  {
    subject: 'Add two more agents to our account',
    description: 'Please add seats for two new colleagues starting Monday.',
    department: 'Sales',
    replies: ['Done: both seats are active. They will receive an invitation.'],
  },
  {
    subject: 'Dark mode text hard to read',
    description: 'In dark mode the grey labels on the settings page are almost invisible.',
    department: 'Technical Support',
    replies: ['Thanks for the report, we reproduced it and a fix is scheduled.'],
  },
  {
    subject: 'Change of billing address',
    description: 'We moved offices. New address: 12 Harbour Street, Leith.',
    department: 'Billing',
    replies: ['Updated — the next invoice will show the new address.'],
  },
  {
    subject: 'How do I reset my two colleagues’ passwords?',
    description: 'Two people in our team forgot their passwords.',
    department: 'General Support',
    replies: ['Admins can issue a reset link from the Users page; I have sent both links now.'],
  },
];
const internalNotes = [
  'Checked the payment provider: duplicate capture confirmed.',
  'Customer is on the legacy plan, pricing differs — check with sales first.',
  'Known issue, see the incident from last week.',
  'Escalated to second line.',
];

/** A small deterministic generator so every demo run looks the same. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface DemoSummary {
  password: string;
  agents: string[];
  admin: string;
  customers: string[];
  tickets: number;
  messages: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Refuses to mix demo accounts and tickets into a helpdesk with data of its own (tickets, or
 * users that are not demo accounts) unless `force`.
 */
async function refuseRealData(tx: Tx, force: boolean): Promise<void> {
  if (force) return;
  const ownUsers = await tx.$count(users, notLike(users.email, `%@${DEMO_DOMAIN}`));
  const ticketCount = await tx.$count(tickets);
  if (ownUsers === 0 && ticketCount === 0) return;
  throw new CliError(
    `Refusing to add demo data: this helpdesk already has ${plural(ownUsers, 'user')} of its own and ` +
      `${plural(ticketCount, 'ticket')}, and the demo would mix its agents, customers and tickets in with them. ` +
      'Nothing was changed. Use --force to add the demo data anyway.',
  );
}

/**
 * Fills the helpdesk with departments, agents, customers and tickets with conversations.
 * Returns undefined when the demo data is there already.
 */
async function seedDemo(
  database: Database,
  password: string,
  opts: { force: boolean },
): Promise<DemoSummary | undefined> {
  const { db } = database;
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(like(users.email, `%@${DEMO_DOMAIN}`))
    .limit(1);
  if (existing.length > 0) return undefined;
  const passwordHash = await hashPassword(password);
  const rand = prng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const emailOf = (name: string) =>
    `${name
      .normalize('NFD')
      .replace(/[^\p{L}\s-]/gu, '')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')}@${DEMO_DOMAIN}`;

  return db.transaction(async (tx: Tx) => {
    await refuseRealData(tx, opts.force);
    const roleRows = await tx.select().from(roles);
    const roleId = (name: string) => roleRows.find((r) => r.name === name)?.id as string;
    const statusRows = await tx.select().from(ticketStatuses).orderBy(ticketStatuses.sortOrder);
    const priorityRows = await tx.select().from(ticketPriorities).orderBy(ticketPriorities.level);
    const deptIds = new Map<string, string>();
    for (const name of departmentNames) {
      const [found] = await tx.select().from(departments).where(eq(departments.name, name));
      const row =
        found ??
        (
          await tx
            .insert(departments)
            .values({ name, description: `${name} questions` })
            .returning()
        )[0];
      if (row) deptIds.set(name, row.id);
    }

    const [admin] = await tx
      .insert(users)
      .values({ email: emailOf('Ada Admin'), name: 'Ada Admin', passwordHash, roleId: roleId('ADMIN') })
      .returning();
    const agents: { id: string; name: string; departmentId: string }[] = [];
    for (const [i, name] of agentNames.entries()) {
      const departmentId = deptIds.get(departmentNames[i % departmentNames.length] as string) as string;
      const [row] = await tx
        .insert(users)
        .values({ email: emailOf(name), name, passwordHash, roleId: roleId('AGENT') })
        .returning();
      if (!row) continue;
      await tx.insert(departmentMembers).values({ departmentId, userId: row.id });
      agents.push({ id: row.id, name, departmentId });
    }
    const customers = await tx
      .insert(users)
      .values(customerNames.map((name) => ({ email: emailOf(name), name, passwordHash, roleId: roleId('CUSTOMER') })))
      .returning();

    let messageCount = 0;
    const ticketCount = 40;
    const now = Date.now();
    for (let i = 0; i < ticketCount; i++) {
      const topic = topics[i % topics.length] as (typeof topics)[number];
      const customer = pick(customers);
      const departmentId = deptIds.get(topic.department) as string;
      const deptAgents = agents.filter((a) => a.departmentId === departmentId);
      const status = pick(statusRows);
      const priority = pick(priorityRows);
      const assignee = rand() < 0.75 ? pick(deptAgents) : undefined;
      const createdAt = new Date(now - Math.floor(rand() * 30 * 24 * 3600 * 1000));
      const [ticket] = await tx
        .insert(tickets)
        .values({
          subject: topic.subject,
          description: topic.description,
          statusId: status.id,
          priorityId: priority.id,
          departmentId,
          customerId: customer.id,
          assignedToId: assignee?.id,
          createdById: customer.id,
          closedAt: status.isClosed ? new Date(createdAt.getTime() + 2 * 24 * 3600 * 1000) : null,
          createdAt,
          updatedAt: createdAt,
        })
        .returning();
      if (!ticket) continue;
      await tx
        .insert(ticketHistory)
        .values({ ticketId: ticket.id, actorId: customer.id, action: 'created', createdAt });
      let at = createdAt.getTime();
      let firstResponseAt: Date | null = null;
      for (const [j, text] of topic.replies.entries()) {
        at += Math.floor(rand() * 8 * 3600 * 1000) + 600_000;
        const fromAgent = j % 2 === 0 && assignee;
        const author = fromAgent ? assignee.id : customer.id;
        if (fromAgent && !firstResponseAt) firstResponseAt = new Date(at);
        await tx
          .insert(ticketMessages)
          .values({ ticketId: ticket.id, authorId: author, body: text, createdAt: new Date(at) });
        messageCount++;
      }
      if (assignee && rand() < 0.4) {
        at += 300_000;
        await tx.insert(ticketMessages).values({
          ticketId: ticket.id,
          authorId: assignee.id,
          body: pick(internalNotes),
          isInternal: true,
          createdAt: new Date(at),
        });
        await tx.insert(ticketHistory).values({
          ticketId: ticket.id,
          actorId: assignee.id,
          action: 'note_added',
          isInternal: true,
          createdAt: new Date(at),
        });
        messageCount++;
      }
      if (assignee) {
        await tx.insert(ticketHistory).values({
          ticketId: ticket.id,
          actorId: assignee.id,
          action: 'assigned',
          field: 'assignee',
          newValue: assignee.name,
          createdAt: new Date(createdAt.getTime() + 60_000),
        });
      }
      const lastActivity = new Date(Math.min(at, now));
      await tx.update(tickets).set({ firstResponseAt, updatedAt: lastActivity }).where(eq(tickets.id, ticket.id));
    }
    return {
      password,
      admin: admin?.email ?? '',
      agents: agents.map((a) => emailOf(a.name)),
      customers: customers.map((c) => c.email),
      tickets: ticketCount,
      messages: messageCount,
    };
  });
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Fill the database with data')
    .option('--demo', 'demo departments, agents, customers and tickets with conversations')
    .option('--force', 'add the demo data although the helpdesk has tickets or users of its own', false)
    .action(async (opts: { demo?: boolean; force: boolean }) => {
      if (!opts.demo) {
        console.log('Nothing to do: reference data is created by `helpdesk migrate`. Use --demo for demo data.');
        return;
      }
      const config = cliConfig();
      // Each run gets its own password: no fixed default password exists anywhere.
      const password = randomBytes(12).toString('base64url');
      await withDatabase(
        config,
        async (database) => {
          const summary = await seedDemo(database, password, { force: opts.force });
          if (!summary) {
            console.log(`Demo data is already present (users @${DEMO_DOMAIN}); nothing changed.`);
            return;
          }
          console.log(`✓ Demo data created: ${summary.tickets} tickets, ${summary.messages} messages`);
          console.log(`  Password of every demo account (shown once): ${summary.password}`);
          console.log(`  Admin:     ${summary.admin}`);
          console.log(`  Agents:    ${summary.agents.join(', ')}`);
          console.log(
            `  Customers: ${summary.customers.slice(0, 3).join(', ')} … (${summary.customers.length} in all)`,
          );
        },
        {
          migrate: true,
          whileServerRuns: () => 'Stop the server, run seed --demo, then start the server again',
        },
      );
    });
}
