package app

// example is a sample input offered in the home page's Examples menu.
type example struct {
	key   string // stable name, used by tests and as the button's id suffix
	label string // what the menu calls it
	text  string
}

// examples are the samples of the Examples menu, one of each kind of input
// the explainer reads. They use documentation names and addresses only
// (example.com, .net, .org; 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24).
func examples() []example {
	return []example{
		{"reply", "Reply line", `550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown in virtual mailbox table`},
		{"gmail", "Gmail reply, several lines", `550-5.1.1 The email account that you tried to reach does not exist. Please try
550-5.1.1 double-checking the recipient's email address for typos or
550-5.1.1 unnecessary spaces. For more information, go to
550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-5a1b2c3d4e5si123456a.12 - gsmtp
`},
		{"postfix-bounce", "Postfix bounce with DSN", `Return-Path: <>
Received: by mx.example.com (Postfix)
	id 4XyZ1Q2w3Rz9sKp; Mon,  3 Mar 2025 09:14:22 +0000 (UTC)
Date: Mon,  3 Mar 2025 09:14:22 +0000 (UTC)
From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: newsletter@example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4XyZ1Q2w3Rz9sKp.1741000462/mx.example.com"
Message-Id: <20250303091422.4XyZ1Q2w3Rz9sKp@mx.example.com>

This is a MIME-encapsulated message.

--4XyZ1Q2w3Rz9sKp.1741000462/mx.example.com
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<carol@example.org>: host mail.example.org[198.51.100.25] said: 550 5.1.1
    <carol@example.org>: Recipient address rejected: User unknown in local
    recipient table (in reply to RCPT TO command)

<dave@example.org>: host mail.example.org[198.51.100.25] said: 552 5.2.2
    <dave@example.org>: Mailbox full (in reply to RCPT TO command)

--4XyZ1Q2w3Rz9sKp.1741000462/mx.example.com
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com
X-Postfix-Queue-ID: 4XyZ1Q2w3Rz9sKp
X-Postfix-Sender: rfc822; newsletter@example.com
Arrival-Date: Mon,  3 Mar 2025 09:14:20 +0000 (UTC)

Final-Recipient: rfc822; carol@example.org
Original-Recipient: rfc822;carol@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.org
Diagnostic-Code: smtp; 550 5.1.1 <carol@example.org>: Recipient address
    rejected: User unknown in local recipient table

Final-Recipient: rfc822; dave@example.org
Original-Recipient: rfc822;dave@example.org
Action: failed
Status: 5.2.2
Remote-MTA: dns; mail.example.org
Diagnostic-Code: smtp; 552 5.2.2 <dave@example.org>: Mailbox full

--4XyZ1Q2w3Rz9sKp.1741000462/mx.example.com
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <newsletter@example.com>
Received: from app.example.com (app.example.com [192.0.2.40])
	by mx.example.com (Postfix) with ESMTPS id 4XyZ1Q2w3Rz9sKp
Message-ID: <march-news-7731@example.com>
Date: Mon, 3 Mar 2025 09:14:19 +0000
From: Example News <newsletter@example.com>
To: carol@example.org, dave@example.org
Subject: March news

--4XyZ1Q2w3Rz9sKp.1741000462/mx.example.com--
`},
		{"exim-bounce", "Exim bounce", `Return-path: <>
Envelope-to: erin@example.com
Received: from Debian-exim by relay.example.com with local (Exim 4.96)
	id 1tQx2a-0003Kd-2F
	for erin@example.com; Tue, 11 Feb 2025 16:02:51 +0000
X-Failed-Recipients: frank@example.net
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@relay.example.com>
To: erin@example.com
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1tQx2a-0003Kd-2F@relay.example.com>
Date: Tue, 11 Feb 2025 16:02:51 +0000

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  frank@example.net
    host mx1.example.net [203.0.113.17]
    SMTP error from remote mail server after RCPT TO:<frank@example.net>:
    550 5.7.1 Message rejected: sender IP 192.0.2.77 is listed on a block list

------ This is a copy of the message, including all the headers. ------

Return-path: <erin@example.com>
Message-ID: <quarterly-report-19@example.com>
From: Erin <erin@example.com>
To: frank@example.net
Subject: Quarterly report
`},
		{"exchange-ndr", "Microsoft 365 NDR", `From: Microsoft Outlook <postmaster@example.com>
To: grace@example.com
Subject: Undeliverable: Project kickoff
Date: Wed, 5 Mar 2025 10:31:07 +0000
Message-ID: <d1e2f3a4-0000-4000-8000-00000000abcd@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Your message to heidi@example.org couldn't be delivered.

heidi wasn't found at example.org.

grace    Office 365    heidi
Action Required           Recipient

Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the following:
- Retype the recipient's address, then resend the message.
- If you're using the Auto-Complete List, remove the entry and type the address again.

Diagnostic information for administrators:

Generating server: DM6PR10MB1234.namprd10.prod.example.com

heidi@example.org
Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient heidi@example.org not found by SMTP address lookup'

Original message headers:

Message-ID: <kickoff-2025-03@example.com>
Subject: Project kickoff
`},
		{"qmail-bounce", "qmail bounce", `From: MAILER-DAEMON@mail.example.com
To: ivan@example.com
Subject: failure notice

Hi. This is the qmail-send program at mail.example.com.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<judy@example.net>:
198.51.100.60 does not like recipient.
Remote host said: 550 5.1.1 <judy@example.net>... No such user
Giving up on 198.51.100.60.

--- Below this line is a copy of the message.

Return-Path: <ivan@example.com>
From: ivan@example.com
To: judy@example.net
Subject: Lunch
`},
		{"postfix-log", "Postfix log lines", `Mar  3 09:14:21 mx postfix/smtp[21877]: 4XyZ1Q2w3Rz9sKp: to=<carol@example.org>, relay=mail.example.org[198.51.100.25]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mail.example.org[198.51.100.25] said: 550 5.1.1 <carol@example.org>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command))
Mar  3 09:14:22 mx postfix/smtp[21878]: 5AbC2R3x4Sz1tLq: to=<kim@example.net>, relay=mx.example.net[203.0.113.9]:25, delay=300, delays=0.1/0/300/0, dsn=4.4.1, status=deferred (connect to mx.example.net[203.0.113.9]:25: Connection timed out)
Mar  3 09:14:23 mx postfix/smtp[21879]: 6BcD3S4y5Tz2uMr: to=<leo@example.org>, relay=mail.example.org[198.51.100.25]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F2A11C0042)
`},
		{"transcript", "SMTP session (swaks)", `=== Trying mx.example.net:25...
=== Connected to mx.example.net.
<-  220 mx.example.net ESMTP ready
 -> EHLO client.example.com
<-  250-mx.example.net Hello client.example.com [192.0.2.55]
<-  250-SIZE 52428800
<-  250-8BITMIME
<-  250 STARTTLS
 -> MAIL FROM:<mallory@example.com>
<-  250 2.1.0 Sender OK
 -> RCPT TO:<nina@example.net>
<** 550 5.7.1 <nina@example.net>: Relay access denied
 -> QUIT
<-  221 2.0.0 Bye
=== Connection closed with remote host.
`},
		{"ses-json", "Amazon SES event (JSON)", `{
  "notificationType": "Bounce",
  "bounce": {
    "feedbackId": "0100018e2a7b1c3d-example-000000",
    "bounceType": "Permanent",
    "bounceSubType": "General",
    "bouncedRecipients": [
      {
        "emailAddress": "oscar@example.org",
        "action": "failed",
        "status": "5.1.1",
        "diagnosticCode": "smtp; 550 5.1.1 user unknown"
      }
    ],
    "timestamp": "2025-03-04T12:00:05.000Z",
    "reportingMTA": "dsn; a1-23.smtp-out.example.com"
  },
  "mail": {
    "timestamp": "2025-03-04T12:00:03.000Z",
    "source": "billing@example.com",
    "messageId": "0100018e2a7b1a11-example-000000",
    "destination": ["oscar@example.org"]
  }
}
`},
		{"client-error", "Outlook send error", `Sending reported error (0x800CCC78) : 'Cannot send the message. Verify the e-mail address in your account properties.  The server responded: 553 5.7.1 <peggy@example.com>: Sender address rejected: not owned by user quinn@example.com'`},
		{"auto-reply", "Out-of-office reply", `From: Rupert <rupert@example.org>
To: sam@example.com
Subject: Automatic reply: Contract draft
Auto-Submitted: auto-replied
X-Autoreply: yes
Date: Thu, 6 Mar 2025 08:00:00 +0000

I am out of the office until 17 March with limited access to email.
For urgent matters please contact office@example.org.
`},
	}
}

// exampleByKey returns the example with the given key.
func exampleByKey(key string) (example, bool) {
	for _, ex := range examples() {
		if ex.key == key {
			return ex, true
		}
	}
	return example{}, false
}
