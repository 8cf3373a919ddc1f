package codes_test

import (
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// TestClientErrors decodes the error messages of mail clients and
// libraries: the stage comes from their wording, the reason from the
// server's reply they quote.
func TestClientErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       mailExp
	}{
		{"Outlook 0x800CCC79",
			"The message could not be sent because one of the recipients was rejected by the server. The rejected e-mail address was 'paul@example.com'. Subject 'Invoice', Account: 'mail.example.net', Server: 'smtp.example.net', Protocol: SMTP, Server Response: '553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)', Port: 25, Secure(SSL): No, Server Error: 553, Error Number: 0x800CCC79",
			mailExp{recipient: "paul@example.com", reply: "553", status: "5.7.1", reason: "norelaying", command: "RCPT",
				client: "Microsoft Outlook (client)", permanent: isTrue, hard: isFalse, diag: []string{"allowed rcpthosts"}}},
		{"Thunderbird",
			"Send Message Error\n\nAn error occurred while sending mail. The mail server responded:\n550 5.1.1 <oscar@example.com>: Recipient address rejected: User unknown in virtual mailbox table.\n Please check the message recipient \"oscar@example.com\" and try again.\n",
			mailExp{recipient: "oscar@example.com", reply: "550", status: "5.1.1", reason: "userunknown", command: "RCPT",
				client: "Mozilla Thunderbird", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}}},
		{"Nodemailer EAUTH",
			"Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a05 - gsmtp\n    at SMTPConnection._formatError (/srv/app/node_modules/nodemailer/lib/smtp-connection/index.js:798:19)\n    at SMTPConnection._actionAUTHComplete (/srv/app/node_modules/nodemailer/lib/smtp-connection/index.js:1577:34) {\n  code: 'EAUTH',\n  response: '535-5.7.8 Username and Password not accepted. For more information, go to\\n' +\n    '535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a05 - gsmtp',\n  responseCode: 535,\n  command: 'AUTH PLAIN'\n}\n",
			mailExp{recipient: "-", reply: "535", status: "5.7.8", reason: "securityerror", command: "AUTH",
				client: "Nodemailer", provider: googleLabel, permanent: isTrue, hard: isFalse}},
		{"smtplib SMTPRecipientsRefused",
			"Traceback (most recent call last):\n  File \"/home/olivia/send.py\", line 21, in <module>\n    server.sendmail(sender, recipients, msg.as_string())\n  File \"/usr/lib/python3.12/smtplib.py\", line 890, in sendmail\n    raise SMTPRecipientsRefused(senderrs)\nsmtplib.SMTPRecipientsRefused: {'sam@example.com': (550, b'5.1.1 <sam@example.com>: Recipient address rejected: User unknown in virtual mailbox table')}\n",
			mailExp{recipient: "sam@example.com", reply: "550", status: "5.1.1", reason: "userunknown", command: "RCPT",
				client: "Python smtplib", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}}},
		{"smtplib SMTPAuthenticationError",
			"Traceback (most recent call last):\n  File \"/home/olivia/send.py\", line 14, in <module>\n    server.login(user, password)\n  File \"/usr/lib/python3.12/smtplib.py\", line 750, in login\n    raise last_exception\nsmtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. For more information, go to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a05 - gsmtp')\n",
			mailExp{recipient: "-", reply: "535", status: "5.7.8", reason: "securityerror", command: "AUTH",
				client: "Python smtplib", permanent: isTrue, hard: isFalse}},
		// PHPMailer quotes the reply without its codes.
		{"PHPMailer recipients failed",
			"Message could not be sent. Mailer Error: SMTP Error: The following recipients failed: bob@example.com: <bob@example.com>: Recipient address rejected: User unknown in local recipient table",
			mailExp{recipient: "bob@example.com", reply: "-", status: "-", reason: "userunknown", command: "RCPT",
				client: "PHPMailer", diag: []string{"User unknown"}}},
		{"PHPMailer could not authenticate",
			"2024-05-23 10:00:00\tSMTP ERROR: Password command failed: 535 5.7.8 Error: authentication failed: authentication failure\nSMTP Error: Could not authenticate.\nMessage could not be sent. Mailer Error: SMTP Error: Could not authenticate.\n",
			mailExp{recipient: "-", reply: "535", status: "5.7.8", reason: "securityerror", command: "AUTH",
				client: "PHPMailer", permanent: isTrue, hard: isFalse}},
		{"Java SendFailedException",
			"javax.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n\tcom.sun.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <tom@example.com>: Recipient address rejected: User unknown in virtual mailbox table\n\n\tat com.sun.mail.smtp.SMTPTransport.rcptTo(SMTPTransport.java:2064)\n\tat com.sun.mail.smtp.SMTPTransport.sendMessage(SMTPTransport.java:1286)\n\tat javax.mail.Transport.send0(Transport.java:255)\n",
			mailExp{recipient: "tom@example.com", reply: "550", status: "5.1.1", reason: "userunknown", command: "RCPT",
				client: "+", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}}},
		{".NET SmtpFailedRecipientException",
			"System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: 5.1.1 <uma@example.com>: Recipient address rejected: User unknown in virtual mailbox table\n   at System.Net.Mail.SmtpTransport.SendMail(MailAddress sender, MailAddressCollection recipients, String deliveryNotify, Boolean allowUnicode, SmtpFailedRecipientException& exception)\n   at System.Net.Mail.SmtpClient.Send(MailMessage message)\n",
			mailExp{recipient: "uma@example.com", status: "5.1.1", reason: "userunknown", command: "RCPT",
				client: "+", hard: isTrue, diag: []string{"User unknown"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := decodeMail(t, tc.text)
			if rep.Kind != codes.KindClientError {
				t.Errorf("Kind = %q, want %q", rep.Kind, codes.KindClientError)
			}
			checkMailFindings(t, rep, []mailExp{tc.want})
		})
	}
}
